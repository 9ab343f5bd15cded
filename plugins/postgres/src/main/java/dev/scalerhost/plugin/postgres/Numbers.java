package dev.scalerhost.plugin.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads a numeric column of the current row. */
final class Numbers {

    private Numbers() {
    }

    /**
     * The finite value of column {@code column}, or {@code null} for SQL NULL.
     *
     * @throws QueryFailedException if the column is not numeric or not finite
     */
    static Double read(ResultSet rows, int column, String query) throws SQLException, QueryFailedException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw new QueryFailedException(QueryFailure.result("query " + query + " returns "
                    + rows.getMetaData().getColumnTypeName(column) + " in column " + column
                    + "; it must be a number (cast it, e.g. count(*)::bigint)"));
        }
        double figure = number.doubleValue();
        if (!Double.isFinite(figure)) {
            throw new QueryFailedException(QueryFailure.result("query " + query + " returned " + figure
                    + "; only finite numbers can be sent to KEDA"));
        }
        return figure;
    }
}
