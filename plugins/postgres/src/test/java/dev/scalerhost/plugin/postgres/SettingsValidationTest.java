package dev.scalerhost.plugin.postgres;

import static dev.scalerhost.plugin.postgres.TestSources.map;
import static dev.scalerhost.plugin.postgres.TestSources.prepareProblems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.SpiVersion;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Validation of source and binding keys; opening a source touches no network, so no server is needed. */
class SettingsValidationTest {

    private TestSources sources;
    private MetricSource source;

    @BeforeEach
    void openSource() throws Exception {
        sources = new TestSources();
        source = sources.open(map("jdbcUrl", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/queue",
                "username", "scaler", "password", "pw",
                "queries", map("depth-by-task", "SELECT task_name, count(*) FROM work_queue GROUP BY 1",
                        "by-org", "SELECT org, 1")));
    }

    @AfterEach
    void closeSources() throws Exception {
        sources.close();
    }

    @Test
    void providerIsFoundByServiceLoaderWithTypeVersionAndKedaAliases() {
        MetricSourceProvider provider = ServiceLoader.load(MetricSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.type().equals("postgres")).findFirst().orElseThrow();

        assertThat(provider).isInstanceOf(PostgresSourceProvider.class);
        assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
        assertThat(provider.bindingKeyAliases()).isEqualTo(
                Map.of("targetQueryValue", "target", "activationTargetQueryValue", "activation"));
    }

    @Test
    void bindingWithoutAnyQueryIsRefusedListingTheNamedQueries() {
        assertThat(rendered(prepareProblems(source, map("key", "x")))).containsExactlyInAnyOrder(
                "serviceTypes.svc: missing query: give query (SQL returning one number) or keyedQuery + key"
                        + " (a named query of source db; known: by-org, depth-by-task)");
    }

    @Test
    void bindingWithBothFormsIsRefused() {
        assertThat(rendered(prepareProblems(source,
                map("query", "SELECT 1", "keyedQuery", "depth-by-task", "key", "a")))).containsExactly(
                "serviceTypes.svc.query: give either query (SQL returning one number) or keyedQuery + key, not both");
    }

    @Test
    void badNullAsAndBadTimeoutAreReportedTogether() {
        List<String> problems = rendered(prepareProblems(source,
                map("query", "SELECT 1", "nullAs", "zero", "statementTimeout", "10")));

        assertThat(problems).hasSize(2);
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("serviceTypes.svc.nullAs: "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("serviceTypes.svc.statementTimeout: "));
    }

    @Test
    void keyedFormNeedsAKnownQueryAndAKeyAndTakesNoParams() {
        assertThat(rendered(prepareProblems(source, map("keyedQuery", "depth", "params", List.of("a")))))
                .containsExactlyInAnyOrder(
                        "serviceTypes.svc.keyedQuery: source db has no query 'depth'; known: by-org, depth-by-task",
                        "serviceTypes.svc.key: required with keyedQuery: the first-column value of this binding's row",
                        "serviceTypes.svc.params: applies to a scalar query only; a keyed query is shared by many bindings");
    }

    @Test
    void scalarFormTakesNoKeyOrMissingAs() {
        assertThat(rendered(prepareProblems(source, map("query", " ", "key", "a", "missingAs", 0))))
                .containsExactlyInAnyOrder(
                        "serviceTypes.svc.query: is empty; give the SQL of a SELECT returning one number",
                        "serviceTypes.svc.key: applies to keyedQuery only; a scalar query returns one number",
                        "serviceTypes.svc.missingAs: applies to keyedQuery only; for a scalar query use nullAs");
    }

    @Test
    void misspelledBindingKeyGetsASuggestion() {
        assertThat(rendered(prepareProblems(source,
                map("keyedQuery", "depth-by-task", "key", "a", "missingAS", 0)))).singleElement()
                .asString().startsWith("serviceTypes.svc.missingAS: unknown key 'missingAS'").contains("missingAs");
    }

    @Test
    void everySourceProblemIsReportedAtOnceWithoutEchoingTheUrl() throws Exception {
        List<String> problems = rendered(sources.openProblems(map(
                "jdbcUrl", "jdbc:mysql://db/x?password=Hunter2secret",
                "sslmode", "sometimes",
                "connectionTimeout", "100ms",
                "statementTimeout", "0s",
                "poolSize", 0,
                "queries", map("Bad Name", "SELECT 1, 2", "empty", " "))));

        assertThat(problems).contains(
                "sources.db.jdbcUrl: not a PostgreSQL JDBC URL; expected jdbc:postgresql://HOST:PORT/DATABASE",
                "sources.db.connectionTimeout: must be at least 250ms, got 100ms",
                "sources.db.statementTimeout: must be at least 1ms, got PT0S",
                "sources.db.queries: query name 'Bad Name' must be lowercase letters, digits, '-' or '_' (it is a metric label)",
                "sources.db.queries: query 'empty' is empty; give the SQL of a SELECT returning (key, value) rows");
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("sources.db.username: "));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("sources.db.sslmode: ").contains("verify-full"));
        assertThat(problems).anySatisfy(p -> assertThat(p).startsWith("sources.db.poolSize: "));
        assertThat(String.join("\n", problems)).doesNotContain("Hunter2secret");
    }

    @Test
    void openingDoesNotWaitForAnUnreachableDatabaseAndMeasuringFailsInsteadOfReportingZero() throws Exception {
        long start = System.nanoTime();
        MetricSource unreachable = sources.open(map("jdbcUrl", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/queue",
                "username", "scaler"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));

        var metric = TestSources.prepare(unreachable, "svc", map("query", "SELECT 1", "nullAs", 0));
        String message = PostgresSourceTest.failure(TestSources.measureOne(unreachable, metric));

        assertThat(message).startsWith("cannot connect to postgresql://127.0.0.1:").contains("/queue as user scaler: ",
                "Connection to 127.0.0.1:", "refused");
    }

    @Test
    void aServerThatNeverAnswersFailsWithTheWaitInWordsNotThePoolsCounters() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            MetricSource stuck = sources.open(map("jdbcUrl", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort()
                    + "/queue", "username", "scaler", "connectionTimeout", "250ms"));
            var metric = TestSources.prepare(stuck, "svc", map("query", "SELECT 1"));

            String message = PostgresSourceTest.failure(TestSources.measureOne(stuck, metric));

            assertThat(message).startsWith("cannot connect to postgresql://127.0.0.1:" + silent.getLocalPort()
                    + "/queue as user scaler: no connection could be opened or freed within ")
                    .matches(".* within \\d+ms.*").doesNotContain("total=", "active=", "idle=", "waiting=", "scalerhost-");
        }
    }

    private static List<String> rendered(List<ConfigProblem> problems) {
        return problems.stream().map(p -> p.path() + ": " + p.message()).toList();
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
