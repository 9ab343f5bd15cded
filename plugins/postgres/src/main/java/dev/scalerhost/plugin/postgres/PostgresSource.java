package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * One database: a small pool shared by every serviceType bound to the source. A batch borrows one
 * connection and runs each keyed query once for all its bindings, then each scalar query.
 */
final class PostgresSource implements MetricSource {

    private final String sourceName;
    private final ConnectionSpec spec;
    private final SourceOptions options;
    private final ConnectionPool pool;
    private final QueryRunner runner;
    private final SourceMetrics metrics;
    private final BindingReader bindings;
    private final Logger log;

    PostgresSource(String sourceName, ConnectionSpec spec, SourceOptions options, ConnectionPool pool,
            SourceMetrics metrics, Logger log) {
        this.sourceName = sourceName;
        this.spec = spec;
        this.options = options;
        this.pool = pool;
        this.metrics = metrics;
        this.runner = new QueryRunner(spec, metrics);
        this.bindings = new BindingReader(sourceName, options);
        this.log = log;
    }

    @Override
    public Metric prepare(Settings params) {
        return bindings.read(params);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) {
        Map<Metric, Reading> readings = new HashMap<>();
        Map<String, List<KeyedLookup>> keyed = new LinkedHashMap<>();
        List<ScalarQuery> scalars = new ArrayList<>();
        for (Metric metric : batch) {
            if (metric instanceof KeyedLookup lookup) {
                keyed.computeIfAbsent(lookup.query(), q -> new ArrayList<>()).add(lookup);
            } else if (metric instanceof ScalarQuery scalar) {
                scalars.add(scalar);
            } else {
                readings.put(metric, Reading.failure(metric.describe() + " was not prepared by source " + sourceName));
            }
        }
        Connection connection;
        try {
            connection = pool.borrow(deadline);
        } catch (SQLException e) {
            QueryFailure failure = QueryFailure.ofConnect(e, spec);
            metrics.count("connection_errors_total", 1, "reason", failure.reason());
            log.debug("source {}: {}", sourceName, failure.message(), e);
            keyed.values().forEach(group -> group.forEach(m -> readings.put(m, Reading.failure(failure.message()))));
            scalars.forEach(m -> readings.put(m, Reading.failure(failure.message())));
            return readings;
        }
        try {
            new Batch(connection, deadline, readings).run(keyed, scalars);
        } finally {
            closeQuietly(connection);
        }
        return readings;
    }

    /** One batch on one connection; after the connection is lost the remaining queries fail alike. */
    private final class Batch {
        private final Connection connection;
        private final Deadline deadline;
        private final Map<Metric, Reading> readings;
        private QueryFailure lost;

        Batch(Connection connection, Deadline deadline, Map<Metric, Reading> readings) {
            this.connection = connection;
            this.deadline = deadline;
            this.readings = readings;
        }

        void run(Map<String, List<KeyedLookup>> keyed, List<ScalarQuery> scalars) {
            keyed.forEach(this::runKeyed);
            scalars.forEach(this::runScalar);
        }

        private void runKeyed(String query, List<KeyedLookup> lookups) {
            Duration timeout = lookups.stream().map(KeyedLookup::statementTimeout)
                    .max(Comparator.naturalOrder()).orElse(options.statementTimeout());
            try {
                KeyedRows rows = execute(query, options.queries().get(query), List.of(), timeout, KeyedRows.reader(query));
                lookups.forEach(lookup -> readings.put(lookup, rows.reading(lookup)));
            } catch (QueryFailedException e) {
                lookups.forEach(lookup -> readings.put(lookup, Reading.failure(e.getMessage())));
            }
        }

        private void runScalar(ScalarQuery query) {
            try {
                readings.put(query, execute(query.label(), query.sql(), query.params(), query.statementTimeout(),
                        new ScalarReader(query)));
            } catch (QueryFailedException e) {
                readings.put(query, Reading.failure(e.getMessage()));
            }
        }

        private <T> T execute(String name, String sql, List<String> params, Duration timeout, RowReader<T> reader)
                throws QueryFailedException {
            if (lost != null) {
                throw new QueryFailedException(lost);
            }
            try {
                return runner.run(connection, name, sql, params, timeout, deadline, reader);
            } catch (QueryFailedException e) {
                log.debug("source {}: {}", sourceName, e.getMessage());
                if (e.failure().connectionLost()) {
                    lost = e.failure();
                }
                throw e;
            }
        }
    }

    @Override
    public String describe() {
        return spec.toString();
    }

    @Override
    public void close() throws InterruptedException {
        pool.close();
    }

    private void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("source {}: closing a connection failed: {}", sourceName, e.toString());
        }
    }
}
