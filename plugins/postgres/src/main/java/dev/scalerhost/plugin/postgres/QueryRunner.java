package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.SourceMetrics;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Runs one query in its own read-only transaction with a {@code statement_timeout}, and records its
 * duration and errors under the query's name.
 */
final class QueryRunner {

    /** pgjdbc applies a network timeout on the calling thread; the executor is not used. */
    private static final Executor DIRECT = Runnable::run;
    /** How much longer than the statement timeout the client waits for a silent server. */
    private static final long NETWORK_GRACE_MILLIS = 2000;
    private static final String SET_TIMEOUT = "SELECT set_config('statement_timeout', ?, true)";

    private final ConnectionSpec spec;
    private final SourceMetrics metrics;

    QueryRunner(ConnectionSpec spec, SourceMetrics metrics) {
        this.spec = spec;
        this.metrics = metrics;
    }

    /**
     * Runs {@code sql} on {@code connection} and reads its rows.
     *
     * @param name             the query's name for metrics and messages
     * @param params           values for the {@code ?} placeholders, typed by the server
     * @param statementTimeout the configured timeout; the deadline may shorten it
     */
    <T> T run(Connection connection, String name, String sql, List<String> params, Duration statementTimeout,
            Deadline deadline, RowReader<T> reader) throws QueryFailedException {
        long remaining = deadline.remainingMillis();
        long timeoutMillis = Math.min(statementTimeout.toMillis(), remaining);
        if (timeoutMillis < 1) {
            throw failed(name, new QueryFailure("timeout", "query " + name
                    + " was not run: the measurement's deadline had passed", false));
        }
        String timeout = timeoutMillis + "ms"
                + (timeoutMillis < statementTimeout.toMillis() ? " (what was left of the measurement's deadline)" : "");
        long start = System.nanoTime();
        try {
            connection.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, timeoutMillis + NETWORK_GRACE_MILLIS));
            try (PreparedStatement set = connection.prepareStatement(SET_TIMEOUT)) {
                set.setString(1, timeoutMillis + "ms");
                set.execute();
            }
            if (params.isEmpty()) {
                // Without params the SQL runs exactly as written: a prepared statement would read PostgreSQL's
                // jsonb operators ?, ?| and ?& as parameter markers.
                try (Statement query = connection.createStatement(); ResultSet rows = query.executeQuery(sql)) {
                    return reader.read(rows);
                }
            }
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.size(); i++) {
                    query.setObject(i + 1, params.get(i), Types.OTHER);
                }
                try (ResultSet rows = query.executeQuery()) {
                    return reader.read(rows);
                }
            }
        } catch (SQLException e) {
            throw failed(name, QueryFailure.ofQuery(e, name, timeout, spec));
        } catch (QueryFailedException e) {
            throw failed(name, e.failure());
        } finally {
            metrics.time("query_duration_seconds", Duration.ofNanos(System.nanoTime() - start), "query", name);
            rollbackQuietly(connection);
        }
    }

    private QueryFailedException failed(String name, QueryFailure failure) {
        metrics.count("query_errors_total", 1, "query", name, "reason", failure.reason());
        return new QueryFailedException(failure);
    }

    /** Ends the read-only transaction; a lost connection has nothing left to end. */
    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The failure that broke the connection is already reported.
        }
    }
}
