package dev.scalerhost.it.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.MetricsText;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.PostgresServer;
import io.grpc.Status;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While 200 KEDA-like callers keep the host busy, the real PostgreSQL behind a source is stopped and
 * started again, twice. During an outage callers get {@code UNAVAILABLE} (after the last good value's
 * {@code maxStaleness}), never a made-up value; after each restart the exact new value is served
 * again; at the end the host has as many threads and pooled connections as before the faults.
 */
class FaultsUnderLoadIT {

    private static final String DATABASE = "faults";
    private static final String USER = "faults_scaler";
    private static final String PASSWORD = "faults-password";
    private static final int CALLERS = 200;
    private static final int POOL_SIZE = 2;
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    private static PostgresServer postgres;
    private final Distribution distribution = Distribution.unpacked();

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
        postgres.createDatabase(DATABASE);
        postgres.createUser(USER, PASSWORD);
        postgres.execute(DATABASE, "CREATE TABLE jobs (id serial PRIMARY KEY, done boolean NOT NULL DEFAULT false);"
                + "GRANT SELECT ON jobs TO " + USER);
        setPending(17);
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void postgresRestartsUnderLoadGiveUnavailableThenExactValuesWithoutLeaks() throws Exception {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("faults-postgres")
                .env("FAULTS_DB_PASSWORD", PASSWORD).config(config()).start()) {
            awaitValue(host, 17);
            try (CallerPool callers = new CallerPool(host.grpcPort(), "pending", CALLERS, Duration.ofMillis(100))) {
                callers.awaitValue(17);
                Thread.sleep(2_000);
                long threadsBefore = JvmProbe.threads(host.pid());
                assertThat(callers.values()).as("values before the faults; calls by status " + callers.outcomes())
                        .containsOnly(17.0);
                callers.reset();

                int[] expected = {23, 31};
                for (int cycle = 0; cycle < expected.length; cycle++) {
                    postgres.stop();
                    Thread.sleep(OUTAGE.toMillis());
                    Map<Status.Code, Long> during = callers.outcomes();
                    postgres.restart();
                    setPending(expected[cycle]);
                    callers.awaitValue(expected[cycle]);
                    System.out.printf("FaultsUnderLoadIT: outage %d: calls by status %s; values seen %s%n",
                            cycle + 1, during, callers.values());
                    assertThat(during).as("outage " + (cycle + 1) + " was reported to callers")
                            .containsKey(Status.Code.UNAVAILABLE);
                    assertThat(CallerPool.OUTAGE_CODES).as("errors during outage " + (cycle + 1) + ": " + during)
                            .containsAll(CallerPool.errorCodes(during));
                    Set<Double> allowed = Set.of((double) (cycle == 0 ? 17 : expected[cycle - 1]), (double) expected[cycle]);
                    assertThat(callers.values()).as("only real values are served, never a stand-in for the outage")
                            .isSubsetOf(allowed);
                    callers.reset();
                }
                // Calls that failed just before the recovery may still be answering; start counting afresh.
                Thread.sleep(500);
                callers.reset();
                Thread.sleep(2_000);
                callers.stop();

                Map<Status.Code, Long> after = callers.outcomes();
                assertThat(after.keySet()).as("after recovery every call succeeds: " + after).containsOnly(Status.Code.OK);
                assertThat(callers.values()).containsOnly((double) expected[expected.length - 1]);
                assertThat(callers.inactiveAnswers()).as("IsActive answered false (a depth of 0) at some point").isZero();
                assertThat(JvmProbe.awaitThreadsAtMost(host.pid(), threadsBefore + 2, Duration.ofSeconds(75)))
                        .as("threads after the faults (before: " + threadsBefore + ")")
                        .isLessThanOrEqualTo(threadsBefore + 2);
                assertThat(serverSideConnections()).as("connections the host holds on the database")
                        .isLessThanOrEqualTo(POOL_SIZE);
                MetricsText metrics = MetricsText.scrape(host);
                assertThat(metrics.sumEndingWith("pool_connections_active", "source=\"db\"")
                        + metrics.sumEndingWith("pool_connections_idle", "source=\"db\""))
                        .as("pool size reported by the host").isLessThanOrEqualTo(POOL_SIZE);
            }
            host.stop();
        }
    }

    private static String config() {
        return ScalerhostProcess.serverSection() + """
                sources:
                  db:
                    type: postgres
                    jdbcUrl: %s
                    username: %s
                    password: ${FAULTS_DB_PASSWORD}
                    poolSize: %d
                    connectionTimeout: 500ms
                    statementTimeout: 1s
                serviceTypes:
                  pending:
                    source: db
                    query: SELECT count(*) FROM jobs WHERE NOT done
                    target: 5
                    activation: 0
                    refreshInterval: 200ms
                    timeout: 1s
                    maxStaleness: 2s
                """.formatted(postgres.jdbcUrl(DATABASE), USER, POOL_SIZE);
    }

    private static void setPending(int count) throws Exception {
        postgres.execute(DATABASE, "DELETE FROM jobs; INSERT INTO jobs (done) SELECT false FROM generate_series(1, "
                + count + ")");
    }

    private static void awaitValue(ScalerhostProcess host, double value) {
        await().atMost(Duration.ofSeconds(20)).until(() -> host.http("/status").body().contains("\"value\" : " + value));
    }

    /** Backends of the host's pool, counted by PostgreSQL itself. */
    private static int serverSideConnections() throws Exception {
        try (Connection connection = postgres.connect(DATABASE); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE usename = '"
                        + USER + "'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
