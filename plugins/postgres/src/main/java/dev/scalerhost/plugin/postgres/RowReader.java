package dev.scalerhost.plugin.postgres;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns a query's rows into its result, or refuses rows of the wrong shape. */
@FunctionalInterface
interface RowReader<T> {

    T read(ResultSet rows) throws SQLException, QueryFailedException;
}
