package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Reading;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads a scalar query's result: its one column, of the first row (further rows are ignored, as KEDA's
 * postgresql scaler ignores them; order the rows or aggregate if that matters).
 */
final class ScalarReader implements RowReader<Reading> {

    private final ScalarQuery query;

    ScalarReader(ScalarQuery query) {
        this.query = query;
    }

    @Override
    public Reading read(ResultSet rows) throws SQLException, QueryFailedException {
        int columns = rows.getMetaData().getColumnCount();
        if (columns != 1) {
            throw new QueryFailedException(QueryFailure.result("query " + query.label() + " returns " + columns
                    + " columns; a scalar query must return exactly one column, the number (KEDA's postgresql scaler "
                    + "refuses more than one too): select only that column"));
        }
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
