package dev.scalerhost.plugin.postgres;

import static dev.scalerhost.plugin.postgres.PostgresSourceTest.failure;
import static dev.scalerhost.plugin.postgres.TestSources.map;
import static dev.scalerhost.plugin.postgres.TestSources.measureOne;
import static dev.scalerhost.plugin.postgres.TestSources.prepare;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.grpc.TestCertificates;
import dev.scalerhost.host.grpc.TestCertificates.Pem;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.PostgresServer;
import dev.scalerhost.testservers.PostgresTls;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real PostgreSQL that accepts TCP connections over TLS only, with a self-signed certificate. */
class PostgresTlsTest {

    private static final String DATABASE = "tls_test";
    private static final String USER = "scaler";
    private static final String PASSWORD = "tls-Secret-73q";
    private static final String DEPTH = "SELECT count(*) FROM work_queue WHERE claimed_by = -1";

    @TempDir
    static Path certificates;

    private static PostgresServer server;
    private static Pem serverCertificate;
    private static Pem impostorCertificate;

    @BeforeAll
    static void startTlsServer() throws Exception {
        List<Pem> pems = TestCertificates.make(certificates,
                "server", TestCertificates.server("postgres-test"),
                "impostor", TestCertificates.server("postgres-impostor"));
        serverCertificate = pems.get(0);
        impostorCertificate = pems.get(1);
        server = PostgresServer.start(PostgresTls.of(serverCertificate.certificate(), serverCertificate.key()));
        server.createDatabase(DATABASE);
        server.createUser(USER, PASSWORD);
        server.execute(DATABASE, """
                CREATE TABLE work_queue (task_name text, claimed_by bigint DEFAULT -1);
                INSERT INTO work_queue (task_name) VALUES ('a'), ('b'), ('c');
                INSERT INTO work_queue (task_name, claimed_by) VALUES ('d', 4);
                GRANT SELECT ON work_queue TO scaler;
                """);
    }

    @AfterAll
    static void closeServer() {
        server.close();
    }

    private static Map<String, Object> keys(Object... tlsKeys) {
        Map<String, Object> keys = map("jdbcUrl", server.jdbcUrl(DATABASE), "username", USER, "password", PASSWORD,
                "connectionTimeout", "1s");
        keys.putAll(map(tlsKeys));
        return keys;
    }

    private static Reading measureDepth(Map<String, Object> keys) throws Exception {
        try (TestSources sources = new TestSources()) {
            MetricSource source = sources.open(keys);
            Metric depth = prepare(source, "depth", map("query", DEPTH));
            return measureOne(source, depth);
        }
    }

    @Test
    void verifyFullWithTheServersCertificateAsRootMeasuresTheExactValueOverTls() throws Exception {
        Metric usesTls;
        Reading depth;
        Reading encrypted;
        try (TestSources sources = new TestSources()) {
            MetricSource source = sources.open(keys("sslmode", "verify-full",
                    "sslrootcert", serverCertificate.certificate().toString()));
            Metric metric = prepare(source, "depth", map("query", DEPTH));
            usesTls = prepare(source, "tls", map("query", "SELECT count(*) FROM pg_stat_ssl WHERE pid = pg_backend_pid() AND ssl"));
            depth = measureOne(source, metric);
            encrypted = measureOne(source, usesTls);
        }

        assertThat(depth).isEqualTo(Reading.of(3));
        assertThat(encrypted).isEqualTo(Reading.of(1));
    }

    @Test
    void verifyFullWithoutARootCertificateIsRefusedNamingTheMissingRootCertificate() throws Exception {
        String message = failure(measureDepth(keys("sslmode", "verify-full")));

        assertThat(message).startsWith("cannot connect to postgresql://127.0.0.1:" + server.port() + "/" + DATABASE)
                .contains("SSL root certificate")
                .doesNotContain(PASSWORD);
    }

    @Test
    void verifyFullWithTheWrongCertificateAuthorityIsRefusedAsAnSslError() throws Exception {
        String message = failure(measureDepth(keys("sslmode", "verify-full",
                "sslrootcert", impostorCertificate.certificate().toString())));

        assertThat(message).startsWith("cannot connect to postgresql://127.0.0.1:" + server.port() + "/" + DATABASE)
                .contains("SSL error", "certification path")
                .doesNotContain(PASSWORD);
    }

    @Test
    void requireEncryptsWithoutVerifyingAndDisableIsRefusedByTheTlsOnlyServer() throws Exception {
        Reading required = measureDepth(keys("sslmode", "require"));
        String disabled = failure(measureDepth(keys("sslmode", "disable")));

        assertThat(required).isEqualTo(Reading.of(3));
        assertThat(disabled).contains("no pg_hba.conf entry", "no encryption", "check the source's username, and its sslmode")
                .doesNotContain(PASSWORD);
    }
}
