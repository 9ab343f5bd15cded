package dev.scalerhost.plugin.postgres;

import static dev.scalerhost.plugin.postgres.TestSources.map;
import static dev.scalerhost.plugin.postgres.TestSources.measure;
import static dev.scalerhost.plugin.postgres.TestSources.measureOne;
import static dev.scalerhost.plugin.postgres.TestSources.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedPostgres.class)
class PostgresSourceTest {

    private static final String DATABASE = "measure_test";
    private static final String USER = "scaler";
    private static final String PASSWORD = "scaler-Secret-91x";
    private static final String DEPTH_BY_TASK = """
            SELECT task_name AS keyed_once_marker, count(*) AS depth
            FROM work_queue WHERE claimed_by = -1 AND NOT failed GROUP BY task_name""";

    private static PostgresServer server;
    private static TestSources sources;
    private static MetricSource source;

    @BeforeAll
    static void createQueue(PostgresServer shared) throws Exception {
        server = shared;
        server.createDatabase(DATABASE);
        server.createUser(USER, PASSWORD);
        server.execute(DATABASE, """
                CREATE EXTENSION pg_stat_statements;
                CREATE TABLE work_queue (
                    id bigserial PRIMARY KEY, task_name text NOT NULL, priority int NOT NULL DEFAULT 0,
                    claimed_by bigint NOT NULL DEFAULT -1, failed boolean NOT NULL DEFAULT false);
                INSERT INTO work_queue (task_name, priority, claimed_by, failed) VALUES
                    ('ingest-logs', 0, -1, false), ('ingest-logs', 1, -1, false), ('ingest-logs', 5, -1, false),
                    ('ingest-logs', 0, 17, false), ('ingest-logs', 0, -1, true),
                    ('compact-metrics', 2, -1, false), ('compact-metrics', 0, -1, false),
                    ('rollup-metrics', 0, -1, true);
                CREATE TABLE readings (k text, v int);
                INSERT INTO readings VALUES ('present', 4), ('empty', NULL), ('twice', 1), ('twice', 2);
                CREATE FUNCTION enqueue_probe() RETURNS int LANGUAGE plpgsql AS $$
                    BEGIN INSERT INTO work_queue (task_name) VALUES ('probe'); RETURN 1; END $$;
                GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO scaler;
                GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO scaler;
                """);
        sources = new TestSources();
        source = sources.open(sourceKeys(PASSWORD));
    }

    @AfterAll
    static void closeSources() throws Exception {
        sources.close();
    }

    static Map<String, Object> sourceKeys(String password) {
        return map("jdbcUrl", server.jdbcUrl(DATABASE), "username", USER, "password", password,
                "statementTimeout", "5s",
                "queries", map("depth-by-task", DEPTH_BY_TASK, "readings", "SELECT k, v FROM readings"));
    }

    @Test
    void scalarQueryReturnsItsColumnOfTheFirstRowWithBoundParameters() throws Exception {
        Metric depth = prepare(source, "ingest", map("query",
                "SELECT count(*) FROM work_queue WHERE task_name = ? AND priority >= ? AND claimed_by = -1 AND NOT failed",
                "params", List.of("ingest-logs", "1")));
        Metric fraction = prepare(source, "fraction", map("query", "SELECT 2.5::numeric UNION ALL SELECT 7"));

        Map<Metric, Reading> readings = measure(source, Duration.ofSeconds(10), depth, fraction);

        assertThat(readings.get(depth)).isEqualTo(Reading.of(2));
        assertThat(readings.get(fraction)).isEqualTo(Reading.of(2.5));
    }

    @Test
    void keyedQueryAnswersEveryBindingWithOneExecutionPerBatch() throws Exception {
        List<String> tasks = List.of("ingest-logs", "ingest-metrics", "ingest-traces", "compact-logs",
                "compact-metrics", "compact-traces", "rollup-metrics");
        List<Metric> metrics = new ArrayList<>();
        for (String task : tasks) {
            metrics.add(prepare(source, "worker-" + task,
                    map("keyedQuery", "depth-by-task", "key", task, "missingAs", 0)));
        }
        long before = executionsOfDepthByTask();

        Map<Metric, Reading> first = source.measure(metrics, Deadline.after(Duration.ofSeconds(10)));
        Map<Metric, Reading> second = source.measure(metrics, Deadline.after(Duration.ofSeconds(10)));

        assertThat(executionsOfDepthByTask() - before).isEqualTo(2);
        assertThat(first).isEqualTo(second);
        assertThat(tasks.stream().map(t -> first.get(metrics.get(tasks.indexOf(t)))).toList()).containsExactly(
                Reading.of(3), Reading.of(0), Reading.of(0), Reading.of(0), Reading.of(2), Reading.of(0), Reading.of(0));
        assertThat(MetricsSamples.of(sources.hostMetrics()).value("scalerhost_source_query_duration_seconds_count",
                "source", "db", "query", "depth-by-task")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void nullOrNoRowFailsUnlessTheBindingSaysNullAs() throws Exception {
        Metric nullValue = prepare(source, "null-value", map("query", "SELECT NULL::int"));
        Metric noRow = prepare(source, "no-row", map("query", "SELECT 1 WHERE false"));
        Metric nullAsZero = prepare(source, "null-as", map("query", "SELECT NULL::int", "nullAs", 0));
        Metric noRowAsSeven = prepare(source, "no-row-as", map("query", "SELECT 1 WHERE false", "nullAs", 7));

        Map<Metric, Reading> readings = measure(source, Duration.ofSeconds(10), nullValue, noRow, nullAsZero, noRowAsSeven);

        assertThat(failure(readings.get(nullValue))).contains("query null-value returned NULL", "nullAs: 0");
        assertThat(failure(readings.get(noRow))).contains("query no-row returned no row", "nullAs: 0");
        assertThat(readings.get(nullAsZero)).isEqualTo(Reading.of(0));
        assertThat(readings.get(noRowAsSeven)).isEqualTo(Reading.of(7));
    }

    @Test
    void missingKeyFailsNamingKeyAndQueryUnlessMissingAsIsGiven() throws Exception {
        Metric missing = prepare(source, "missing", map("keyedQuery", "readings", "key", "absent"));
        Metric missingAs = prepare(source, "missing-as", map("keyedQuery", "readings", "key", "absent", "missingAs", 0));
        Metric present = prepare(source, "present", map("keyedQuery", "readings", "key", "present"));
        Metric nullValue = prepare(source, "null", map("keyedQuery", "readings", "key", "empty"));
        Metric nullAs = prepare(source, "null-as", map("keyedQuery", "readings", "key", "empty", "nullAs", 0));
        Metric twice = prepare(source, "twice", map("keyedQuery", "readings", "key", "twice"));

        Map<Metric, Reading> readings = measure(source, Duration.ofSeconds(10),
                missing, missingAs, present, nullValue, nullAs, twice);

        assertThat(failure(readings.get(missing)))
                .contains("key 'absent' is not in the result of query readings", "empty, present, twice", "missingAs: 0");
        assertThat(readings.get(missingAs)).isEqualTo(Reading.of(0));
        assertThat(readings.get(present)).isEqualTo(Reading.of(4));
        assertThat(failure(readings.get(nullValue))).contains("query readings returned NULL for key 'empty'");
        assertThat(readings.get(nullAs)).isEqualTo(Reading.of(0));
        assertThat(failure(readings.get(twice))).contains("key 'twice' appears in more than one row of query readings");
    }

    @Test
    void slowQueryFailsWithinItsStatementTimeout() throws Exception {
        Metric slow = prepare(source, "slow", map("query", "SELECT 1 FROM pg_sleep(10)", "statementTimeout", "300ms"));

        long start = System.nanoTime();
        Reading reading = measureOne(source, slow);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure(reading)).contains("query slow was cancelled after its statement timeout of 300ms");
        assertThat(took).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
        assertThat(MetricsSamples.of(sources.hostMetrics()).value("scalerhost_source_query_errors_total",
                "source", "db", "query", "slow", "reason", "timeout")).isPositive();
    }

    @Test
    void theDeadlineBoundsTheStatementTimeout() throws Exception {
        Metric slow = prepare(source, "slow-deadline", map("query", "SELECT 1 FROM pg_sleep(10)"));

        long start = System.nanoTime();
        Reading reading = measure(source, Duration.ofMillis(400), slow).get(slow);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(failure(reading)).contains("cancelled", "what was left of the measurement's deadline");
        assertThat(took).isLessThan(Duration.ofMillis(1500));
    }

    @Test
    void writingQueriesAreRefusedAndWriteNothing() throws Exception {
        Metric insert = prepare(source, "insert", map("query",
                "INSERT INTO work_queue (task_name) VALUES ('probe') RETURNING 1"));
        Metric viaFunction = prepare(source, "via-function", map("query", "SELECT enqueue_probe()"));
        Metric sequence = prepare(source, "sequence", map("query", "SELECT nextval('work_queue_id_seq')"));

        Map<Metric, Reading> readings = measure(source, Duration.ofSeconds(10), insert, viaFunction, sequence);

        assertThat(failure(readings.get(insert)))
                .contains("query insert tried to write", "read-only transaction", "use a query that only reads");
        assertThat(failure(readings.get(viaFunction))).contains("query via-function tried to write");
        assertThat(failure(readings.get(sequence))).contains("query sequence tried to write");
        assertThat(count("SELECT count(*) FROM work_queue WHERE task_name = 'probe'")).isZero();
    }

    @Test
    void oneFailingQueryFailsOnlyItsOwnBindings() throws Exception {
        Metric broken = prepare(source, "broken", map("query", "SELECT count(*) FROM no_such_table"));
        Metric text = prepare(source, "text", map("query", "SELECT 'many'"));
        Metric keyed = prepare(source, "keyed", map("keyedQuery", "depth-by-task", "key", "compact-metrics"));

        Map<Metric, Reading> readings = measure(source, Duration.ofSeconds(10), broken, text, keyed);

        assertThat(failure(readings.get(broken)))
                .contains("query broken failed: relation \"no_such_table\" does not exist (SQLSTATE 42P01)");
        assertThat(failure(readings.get(text))).contains("query text returns text in column 1; it must be a number");
        assertThat(readings.get(keyed)).isEqualTo(Reading.of(2));
    }

    @Test
    void wrongPasswordFailsWithAClearMessageWithoutThePassword() throws Exception {
        String wrong = "Wrong-Pa55word-zz";
        String message;
        MetricSource denied;
        try (TestSources own = new TestSources()) {
            denied = own.open(sourceKeys(wrong));
            Metric metric = prepare(denied, "denied", map("query", "SELECT 1"));
            message = failure(measureOne(denied, metric));
        }

        assertThat(message).contains("authentication failed for user scaler on database measure_test at 127.0.0.1:"
                + server.port(), "check the source's username and password");
        assertThat(message).doesNotContain(wrong).doesNotContain(PASSWORD);
        assertThat(denied.describe()).isEqualTo("scaler@postgresql://127.0.0.1:" + server.port() + "/measure_test");
    }

    @Test
    void tlsOptionsReachTheDriver() throws Exception {
        Map<String, Object> keys = sourceKeys(PASSWORD);
        keys.put("sslmode", "require");
        String message;
        try (TestSources own = new TestSources()) {
            MetricSource tls = own.open(keys);
            Metric metric = prepare(tls, "tls", map("query", "SELECT 1"));
            message = failure(measureOne(tls, metric));
        }

        assertThat(message).startsWith("cannot connect to postgresql://127.0.0.1:" + server.port() + "/measure_test")
                .contains("SSL");
    }

    @Test
    void sessionsAreNamedScalerhostAndPoolUsageIsPublished() throws Exception {
        Metric application = prepare(source, "application",
                map("query", "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'scalerhost' AND pid = pg_backend_pid()"));

        assertThat(measureOne(source, application)).isEqualTo(Reading.of(1));
        MetricsSamples samples = MetricsSamples.of(sources.hostMetrics());
        assertThat(samples.value("scalerhost_source_pool_connections_idle", "source", "db")).isGreaterThanOrEqualTo(1.0);
        assertThat(samples.all()).containsKeys(
                "scalerhost_source_pool_connections_active{source=\"db\"}",
                "scalerhost_source_pool_connections_pending{source=\"db\"}");
    }

    @Test
    void closeEndsARunningMeasurement() throws Exception {
        TestSources own = new TestSources();
        MetricSource closing = own.open(sourceKeys(PASSWORD));
        Metric slow = prepare(closing, "slow-close", map("query", "SELECT 1 FROM pg_sleep(30)", "statementTimeout", "60s"));
        CompletableFuture<Reading> measuring = CompletableFuture.supplyAsync(() -> {
            try {
                return measure(closing, Duration.ofSeconds(60), slow).get(slow);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(500);

        long start = System.nanoTime();
        own.close();
        Reading reading = measuring.get(10, TimeUnit.SECONDS);

        assertThat(reading).isInstanceOf(Reading.Failure.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    private static long executionsOfDepthByTask() throws Exception {
        return count("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements WHERE query LIKE '%keyed_once_marker%'");
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = server.connect(DATABASE);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    static String failure(Reading reading) {
        assertThat(reading).isInstanceOf(Reading.Failure.class);
        return ((Reading.Failure) reading).message();
    }
}
