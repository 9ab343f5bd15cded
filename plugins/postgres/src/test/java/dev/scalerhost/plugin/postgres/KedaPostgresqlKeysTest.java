package dev.scalerhost.plugin.postgres;

import static dev.scalerhost.plugin.postgres.TestSources.map;
import static dev.scalerhost.plugin.postgres.TestSources.measureOne;
import static dev.scalerhost.plugin.postgres.TestSources.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.PostgresServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A KEDA postgresql trigger moved over unchanged, against a real PostgreSQL: KEDA's connection forms,
 * a query as written (jsonb's {@code ?} operators), KEDA's one-column rule, and the read-only
 * transaction that stays scalerhost's.
 */
@ExtendWith(SharedPostgres.class)
class KedaPostgresqlKeysTest {

    private static final String DATABASE = "keda_parity";
    private static final String USER = "keda_user";
    /** A space and a quote: libpq's key/value form must quote and escape it, as KEDA does. */
    private static final String PASSWORD = "pa ss'wo@rd:1";
    private static final String COUNT = "SELECT count(*) FROM work_queue";

    private static PostgresServer server;
    private static TestSources sources;
    private static MetricSource jdbc;

    @BeforeAll
    static void createDatabase(PostgresServer shared) throws Exception {
        server = shared;
        server.createDatabase(DATABASE);
        server.createUser(USER, PASSWORD);
        server.execute(DATABASE, """
                CREATE TABLE work_queue (id bigserial PRIMARY KEY, body jsonb NOT NULL);
                INSERT INTO work_queue (body) VALUES
                    ('{"urgent": true, "tenant": "a"}'), ('{"tenant": "b"}'), ('{"urgent": false, "retry": 1}');
                GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO keda_user;
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO keda_user;
                """);
        sources = new TestSources();
        jdbc = sources.open(map("jdbcUrl", server.jdbcUrl(DATABASE), "username", USER, "password", PASSWORD));
    }

    @AfterAll
    static void close() throws Exception {
        sources.close();
    }

    @Test
    void kedaConnectionStringInLibpqKeyValueFormConnects() throws Exception {
        String connection = "host=" + server.host() + " port=" + server.port() + " user=" + USER
                + " password='" + PASSWORD.replace("'", "\\'") + "' dbname=" + DATABASE + " sslmode=disable";
        MetricSource source = sources.open(map("connection", connection));
        assertThat(value(source, COUNT)).isEqualTo(3);
        assertThat(source.describe()).doesNotContain("pa ss");
    }

    @Test
    void kedaConnectionStringAsPostgresqlUriConnects() throws Exception {
        String connection = "postgresql://" + USER + ":" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8)
                .replace("+", "%20") + "@" + server.host() + ":" + server.port() + "/" + DATABASE + "?sslmode=disable";
        assertThat(value(sources.open(map("connection", connection)), COUNT)).isEqualTo(3);
    }

    @Test
    void kedaSplitKeysConnect() throws Exception {
        MetricSource source = sources.open(map("host", server.host(), "port", String.valueOf(server.port()),
                "userName", USER, "password", PASSWORD, "dbName", DATABASE, "sslmode", "disable"));
        assertThat(value(source, COUNT)).isEqualTo(3);
    }

    @Test
    void connectionProblemsNeverEchoTheString() throws Exception {
        List<String> problems = rendered(sources.openProblems(map(
                "connection", "host=db password=Hunter2secret dbname=q user=u sslfactory=x")));
        assertThat(problems).singleElement().asString()
                .startsWith("sources.db.connection: libpq keyword 'sslfactory' is not supported here; supported: ")
                .doesNotContain("Hunter2secret");

        assertThat(rendered(sources.openProblems(map("connection", "host=db dbname=q user=u",
                "jdbcUrl", "jdbc:postgresql://db/q", "username", "u")))).singleElement().asString()
                .contains("give one of jdbcUrl, connection, or host");
        assertThat(rendered(sources.openProblems(map("connection", "password='Hunter2secret"))))
                .singleElement().asString().contains("no closing quote").doesNotContain("Hunter2secret");
    }

    @Test
    void queryWithoutParamsRunsAsWrittenSoJsonbQuestionMarkOperatorsWork() throws Exception {
        assertThat(value(jdbc, "SELECT count(*) FROM work_queue WHERE body ? 'urgent'")).isEqualTo(2);
        assertThat(value(jdbc, "SELECT count(*) FROM work_queue WHERE body ?| array['retry', 'tenant']")).isEqualTo(3);
        assertThat(value(jdbc, "SELECT count(*) FROM work_queue WHERE body ?& array['urgent', 'tenant']")).isEqualTo(1);
        Metric withParams = prepare(jdbc, "tenant", map("query",
                "SELECT count(*) FROM work_queue WHERE body->>'tenant' = ?", "params", List.of("b")));
        assertThat(measureOne(jdbc, withParams)).isEqualTo(Reading.of(1));
    }

    @Test
    void moreThanOneColumnIsRefusedAsKedaDoesAndOfSeveralRowsTheFirstCounts() throws Exception {
        assertThat(failure(jdbc, "SELECT 4, 8")).isEqualTo("query two-columns returns 2 columns; a scalar query must "
                + "return exactly one column, the number (KEDA's postgresql scaler refuses more than one too): select "
                + "only that column");
        assertThat(value(jdbc, "SELECT v FROM (VALUES (3), (9)) AS t(v)")).isEqualTo(3);
    }

    @Test
    void aQueryThatWritesFailsAndSaysTheTransactionIsReadOnly() throws Exception {
        assertThat(failure(jdbc, "SELECT nextval('work_queue_id_seq')")).startsWith("query two-columns tried to write (")
                .contains("read-only transaction", "nextval()", "KEDA's postgresql scaler does not");
        assertThat(value(jdbc, "SELECT last_value FROM work_queue_id_seq")).isEqualTo(3);
    }

    @Test
    void unknownKeyHintListsEveryKeyThePluginAccepts() throws Exception {
        assertThat(rendered(sources.openProblems(map("jdbcUrl", server.jdbcUrl(DATABASE), "username", USER,
                "bogus", 1)))).containsExactly("sources.db.bogus: unknown key 'bogus' (known keys: connection, "
                + "connectionTimeout, dbName, host, jdbcUrl, password, poolSize, port, queries, sslcert, sslkey, "
                + "sslmode, sslpassword, sslrootcert, statementTimeout, userName, username)");
        assertThat(rendered(TestSources.prepareProblems(jdbc, map("query", "SELECT 1", "bogus", 1))))
                .containsExactly("serviceTypes.svc.bogus: unknown key 'bogus' (known keys: key, keyedQuery, "
                        + "missingAs, nullAs, params, query, statementTimeout)");
    }

    private static double value(MetricSource source, String sql) throws Exception {
        Reading reading = measureOne(source, prepare(source, "one-column", map("query", sql)));
        assertThat(reading).isInstanceOf(Reading.Value.class);
        return ((Reading.Value) reading).value();
    }

    private static String failure(MetricSource source, String sql) throws Exception {
        Reading reading = measureOne(source, prepare(source, "two-columns", Map.of("query", sql)));
        assertThat(reading).isInstanceOf(Reading.Failure.class);
        return ((Reading.Failure) reading).message();
    }

    private static List<String> rendered(List<ConfigProblem> problems) {
        return problems.stream().map(ConfigProblem::render).toList();
    }
}
