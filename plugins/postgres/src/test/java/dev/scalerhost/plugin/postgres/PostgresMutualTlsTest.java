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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real PostgreSQL that requires, for the plugin's role, TLS and a client certificate whose CN is the
 * role name, issued by the CA it trusts (here the self-signed client certificate itself).
 */
class PostgresMutualTlsTest {

    private static final String DATABASE = "mtls_test";
    private static final String USER = "scaler";
    private static final String PASSWORD = "mtls-Secret-58k";
    private static final String KEY_PASSWORD = "key-Secret-20v";

    @TempDir
    static Path certificates;

    private static PostgresServer server;
    private static Pem serverCertificate;
    private static Pem clientCertificate;
    private static Pem strangerCertificate;

    @BeforeAll
    static void startMutualTlsServer() throws Exception {
        List<Pem> pems = TestCertificates.make(certificates,
                "server", TestCertificates.server("postgres-test"),
                // pgjdbc reads the client's entry of a PKCS12 sslkey under the alias "user".
                "user", TestCertificates.client(USER),
                "stranger", TestCertificates.client(USER));
        serverCertificate = pems.get(0);
        clientCertificate = pems.get(1);
        strangerCertificate = pems.get(2);
        // pgjdbc, like libpq, refuses a private key file others can read.
        Files.setPosixFilePermissions(clientCertificate.key(), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(strangerCertificate.key(), PosixFilePermissions.fromString("rw-------"));
        server = PostgresServer.start(PostgresTls.of(serverCertificate.certificate(), serverCertificate.key())
                .requiringClientCertificates(clientCertificate.certificate()));
        server.createDatabase(DATABASE);
        server.createUser(USER, PASSWORD);
        server.execute(DATABASE, """
                CREATE TABLE work_queue (task_name text);
                INSERT INTO work_queue VALUES ('a'), ('b'), ('c'), ('d'), ('e');
                GRANT SELECT ON work_queue TO scaler;
                """);
    }

    @AfterAll
    static void closeServer() {
        server.close();
    }

    private static Map<String, Object> keys(Object... clientKeys) {
        Map<String, Object> keys = map("jdbcUrl", server.jdbcUrl(DATABASE), "username", USER, "password", PASSWORD,
                "connectionTimeout", "1s", "sslmode", "verify-full",
                "sslrootcert", serverCertificate.certificate().toString());
        keys.putAll(map(clientKeys));
        return keys;
    }

    private static Reading measureDepth(Map<String, Object> keys) throws Exception {
        try (TestSources sources = new TestSources()) {
            MetricSource source = sources.open(keys);
            Metric depth = prepare(source, "depth", map("query", "SELECT count(*) FROM work_queue"));
            return measureOne(source, depth);
        }
    }

    @Test
    void theTrustedClientCertificateWithItsEcPemKeyIsAcceptedAndMeasuresTheExactValue() throws Exception {
        Reading reading = measureDepth(keys("sslcert", clientCertificate.certificate().toString(),
                "sslkey", clientCertificate.key().toString()));

        assertThat(reading).isEqualTo(Reading.of(5));
    }

    @Test
    void theTrustedClientCertificateInAPkcs12KeystoreIsAcceptedWithItsSslpassword() throws Exception {
        Reading reading = measureDepth(keys("sslkey", clientCertificate.keystore().toString(),
                "sslpassword", TestCertificates.KEYSTORE_PASSWORD));

        assertThat(reading).isEqualTo(Reading.of(5));
    }

    @Test
    void withoutAClientCertificateTheServerRefusesNamingTheCertificate() throws Exception {
        String message = failure(measureDepth(keys()));

        assertThat(message).contains("authentication failed for user scaler",
                "connection requires a valid client certificate", "sslcert and sslkey")
                .doesNotContain(PASSWORD);
    }

    @Test
    void aClientCertificateTheServerDoesNotTrustIsRefusedDuringTheHandshake() throws Exception {
        String message = failure(measureDepth(keys("sslcert", strangerCertificate.certificate().toString(),
                "sslkey", strangerCertificate.key().toString(), "sslpassword", KEY_PASSWORD)));

        // Under TLS 1.3 the server verifies the client certificate after the client's handshake ends, so its
        // alert either reaches pgjdbc's next read or, if the socket is already closed, pgjdbc sees only a
        // closed, broken or reset socket: then the message names the untrusted certificate as the likely cause.
        assertThat(message).startsWith("cannot connect to postgresql://127.0.0.1:" + server.port() + "/" + DATABASE)
                .containsAnyOf("TLS handshake failed", "SSL error",
                        "does not trust the client certificate of sslcert and sslkey")
                .doesNotContain(PASSWORD, KEY_PASSWORD);
    }
}
