package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Reading;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a scalar query's result: the first column of the first row. */
final class ScalarReader implements RowReader<Reading> {

    private final ScalarQuery query;

    ScalarReader(ScalarQuery query) {
        this.query = query;
    }

    @Override
    public Reading read(ResultSet rows) throws SQLException, QueryFailedException {
        if (!rows.next()) {
            return absent("no row");
        }
        Double value = Numbers.read(rows, 1, query.label());
        return value == null ? absent("NULL") : Reading.of(value);
    }

    private Reading absent(String what) throws QueryFailedException {
        if (query.nullAs().isPresent()) {
            return Reading.of(query.nullAs().getAsDouble());
        }
        throw new QueryFailedException(QueryFailure.result("query " + query.label() + " returned " + what
                + "; fix the query (e.g. coalesce(..., 0)) or set nullAs: 0 on the binding if that means an empty queue"));
    }
}
