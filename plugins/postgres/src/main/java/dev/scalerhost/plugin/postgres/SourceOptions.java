package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A source's settings other than how to connect: pool, timeouts and the named keyed queries.
 *
 * @param poolSize          connections shared by every serviceType on the source
 * @param connectionTimeout the longest wait for a connection (new or from the pool)
 * @param statementTimeout  the default {@code statement_timeout} of every query
 * @param queries           keyed queries by name; each returns (key, value) rows
 */
record SourceOptions(int poolSize, Duration connectionTimeout, Duration statementTimeout, Map<String, String> queries) {

    static final int DEFAULT_POOL_SIZE = 2;
    static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    /** HikariCP refuses a shorter connection timeout. */
    static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);

    private static final Pattern QUERY_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    SourceOptions {
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        queries = Map.copyOf(queries);
    }

    /** Reads the options, reporting every problem on {@code settings}; defaults stand in for bad values. */
    static SourceOptions read(Settings settings) {
        int poolSize = settings.integer("poolSize", DEFAULT_POOL_SIZE, 1, 100);
        Duration connectionTimeout = settings.duration("connectionTimeout", DEFAULT_CONNECTION_TIMEOUT);
        if (connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
            settings.problem("connectionTimeout", "must be at least 250ms, got " + connectionTimeout.toMillis() + "ms");
            connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
        }
        Duration statementTimeout = readStatementTimeout(settings, DEFAULT_STATEMENT_TIMEOUT);
        Map<String, String> queries = new LinkedHashMap<>();
        settings.stringMap("queries").forEach((name, sql) -> {
            if (!QUERY_NAME.matcher(name).matches()) {
                settings.problem("queries", "query name '" + name
                        + "' must be lowercase letters, digits, '-' or '_' (it is a metric label)");
            } else if (sql.isBlank()) {
                settings.problem("queries", "query '" + name + "' is empty; give the SQL of a SELECT returning (key, value) rows");
            } else {
                queries.put(name, sql);
            }
        });
        return new SourceOptions(poolSize, connectionTimeout, statementTimeout, queries);
    }

    /** {@code statementTimeout} of a source or binding: positive, whole milliseconds. */
    static Duration readStatementTimeout(Settings settings, Duration defaultValue) {
        Duration timeout = settings.duration("statementTimeout", defaultValue);
        if (timeout.toMillis() < 1) {
            settings.problem("statementTimeout", "must be at least 1ms, got " + timeout);
            return defaultValue;
        }
        return timeout;
    }
}
