package dev.scalerhost.plugin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigBinder;
import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.config.PluginKeys;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.PostgresServer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The work-queue part of config/lakerunner.yaml, loaded by the host's config code, against a real queue. */
@ExtendWith(SharedPostgres.class)
class LakerunnerWorkQueueTest {

    private static final Path CONFIG = Path.of("../../config/lakerunner.yaml");
    private static final String PASSWORD = "lakerunner-Pw-7";

    @Test
    void everyWorkerServiceTypeGetsItsQueueDepthFromOneGroupedQuery(PostgresServer server) throws Exception {
        server.createDatabase("lakerunner");
        server.createUser("lakerunner_scaler", PASSWORD);
        server.execute("lakerunner", """
                CREATE EXTENSION pg_stat_statements;
                CREATE TABLE work_queue (
                    id bigserial PRIMARY KEY, task_name text NOT NULL, priority int NOT NULL,
                    claimed_by bigint NOT NULL DEFAULT -1, failed boolean NOT NULL DEFAULT false);
                INSERT INTO work_queue (task_name, priority, claimed_by, failed)
                    SELECT 'ingest-logs', n % 3, -1, false FROM generate_series(1, 45) n;
                INSERT INTO work_queue (task_name, priority, claimed_by, failed) VALUES
                    ('ingest-logs', 0, 4, false), ('ingest-logs', 0, -1, true),
                    ('compact-metrics', 1, -1, false), ('compact-metrics', 9, -1, false),
                    ('rollup-metrics', 0, 12, false), ('ingest-traces', 0, -1, true);
                GRANT SELECT ON work_queue TO lakerunner_scaler;
                """);
        Map<String, String> env = Map.of(
                "LAKERUNNER_DB_URL", server.jdbcUrl("lakerunner"),
                "LAKERUNNER_DB_USER", "lakerunner_scaler",
                "LAKERUNNER_DB_PASSWORD", PASSWORD);
        ConfigDocument document = ConfigDocument.read(CONFIG, env::get);
        PostgresSourceProvider provider = new PostgresSourceProvider();
        HostConfig config = new ConfigBinder(document, Path.of("."))
                .bindWith(type -> type.equals("postgres") ? PluginKeys.of(provider) : null);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

        try (MetricSource queueDb = provider.open(config.sources().get("queue-db").settings(),
                HostSourceContext.of("queue-db", new HostMetrics(), Clock.systemUTC(), scheduler))) {
            Map<String, Metric> workers = new LinkedHashMap<>();
            for (ServiceTypeConfig serviceType : config.serviceTypes().values()) {
                if (serviceType.source().equals("queue-db")) {
                    workers.put(serviceType.serviceType(), queueDb.prepare(serviceType.params()));
                }
            }
            document.problems().addUnknownKeys(document);
            assertThat(problemsOf(document)).isEmpty();
            long before = executions(server);

            Map<Metric, Reading> readings = queueDb.measure(workers.values(), Deadline.after(Duration.ofSeconds(10)));

            assertThat(executions(server) - before).isEqualTo(1);
            Map<String, Reading> byServiceType = new LinkedHashMap<>();
            workers.forEach((serviceType, metric) -> byServiceType.put(serviceType, readings.get(metric)));
            Map<String, Reading> expected = new LinkedHashMap<>();
            expected.put("worker-ingest-logs", Reading.of(45));
            expected.put("worker-ingest-metrics", Reading.of(0));
            expected.put("worker-ingest-traces", Reading.of(0));
            expected.put("worker-compact-logs", Reading.of(0));
            expected.put("worker-compact-metrics", Reading.of(2));
            expected.put("worker-compact-traces", Reading.of(0));
            expected.put("worker-rollup-metrics", Reading.of(0));
            assertThat(byServiceType).containsExactlyEntriesOf(expected);
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** Problems of the work-queue parts; other sections need servers this test does not start. */
    private static List<String> problemsOf(ConfigDocument document) {
        return document.problems().list().stream()
                .filter(p -> p.path().startsWith("sources.queue-db") || p.path().startsWith("serviceTypes.worker-"))
                .map(ConfigProblem::toString).toList();
    }

    private static long executions(PostgresServer server) throws Exception {
        try (Connection connection = server.connect("lakerunner");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT coalesce(sum(calls), 0) FROM pg_stat_statements"
                        + " WHERE query LIKE '%FROM work_queue%GROUP BY task_name%' AND query NOT LIKE '%pg_stat%'")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
