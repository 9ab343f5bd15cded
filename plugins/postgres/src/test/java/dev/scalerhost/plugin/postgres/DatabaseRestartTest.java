package dev.scalerhost.plugin.postgres;

import static dev.scalerhost.plugin.postgres.PostgresSourceTest.failure;
import static dev.scalerhost.plugin.postgres.TestSources.map;
import static dev.scalerhost.plugin.postgres.TestSources.measureOne;
import static dev.scalerhost.plugin.postgres.TestSources.prepare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.PostgresServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Stops and restarts its own server, so it does not share one with other classes. */
class DatabaseRestartTest {

    private static PostgresServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PostgresServer.start();
        server.createDatabase("restart_test");
        server.createUser("scaler", "restart-pw");
        server.execute("restart_test", """
                CREATE TABLE work_queue (task_name text, claimed_by bigint DEFAULT -1, failed boolean DEFAULT false);
                INSERT INTO work_queue (task_name) VALUES ('ingest-logs'), ('ingest-logs');
                GRANT SELECT ON work_queue TO scaler;
                """);
    }

    @AfterAll
    static void closeServer() {
        server.close();
    }

    private static Map<String, Object> sourceKeys() {
        return map("jdbcUrl", server.jdbcUrl("restart_test"), "username", "scaler", "password", "restart-pw",
                "connectionTimeout", "1s",
                "queries", map("depth", "SELECT task_name, count(*) FROM work_queue WHERE claimed_by = -1 GROUP BY 1"));
    }

    @Test
    void stoppedDatabaseFailsMeasurementsAndTheSameSourceRecoversAfterRestart() throws Exception {
        try (TestSources sources = new TestSources()) {
            MetricSource source = sources.open(sourceKeys());
            Metric depth = prepare(source, "worker-ingest-logs",
                    map("keyedQuery", "depth", "key", "ingest-logs", "missingAs", 0));
            assertThat(measureOne(source, depth)).isEqualTo(Reading.of(2));

            server.stop();
            long start = System.nanoTime();
            String whileDown = failure(measureOne(source, depth));
            Duration failedAfter = Duration.ofNanos(System.nanoTime() - start);
            String stillDown = failure(measureOne(source, depth));

            assertThat(whileDown).containsAnyOf("cannot connect to postgresql://127.0.0.1:" + server.port(), "lost its connection");
            assertThat(stillDown).startsWith("cannot connect to postgresql://127.0.0.1:" + server.port() + "/restart_test");
            assertThat(failedAfter).isLessThan(Duration.ofSeconds(3));

            server.restart();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(measureOne(source, depth)).isEqualTo(Reading.of(2)));
        }
    }

    @Test
    void databaseDownWhenTheSourceOpensIsAFailureUntilItComesUp() throws Exception {
        server.stop();
        try (TestSources sources = new TestSources()) {
            MetricSource source = sources.open(sourceKeys());
            Metric depth = prepare(source, "worker-ingest-logs",
                    map("keyedQuery", "depth", "key", "ingest-logs", "missingAs", 0));

            assertThat(failure(measureOne(source, depth))).contains("cannot connect", "refused");

            server.restart();
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(measureOne(source, depth)).isEqualTo(Reading.of(2)));
        } finally {
            if (!server.isRunning()) {
                server.restart();
            }
        }
    }
}
