package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.host.grpc.TestCertificates;
import dev.scalerhost.host.grpc.TestCertificates.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTlsTest {

    @TempDir
    Path certificates;

    @Test
    void acceptsVerifiedTlsOnlyAcrossARestartAndDeletesItsKeyCopyOnClose() throws Exception {
        Pem pem = TestCertificates.make(certificates, "server", TestCertificates.server("postgres-test")).get(0);
        Path tlsDirectory;
        try (PostgresServer server = PostgresServer.start(PostgresTls.of(pem.certificate(), pem.key()))) {
            server.createUser("reader", "right");
            assertThat(verifiedTlsSession(server, pem.certificate())).isTrue();
            String plain = server.jdbcUrl("postgres") + "?sslmode=disable";
            assertThatThrownBy(() -> DriverManager.getConnection(plain, "reader", "right").close())
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("no encryption");

            server.restart();

            assertThat(verifiedTlsSession(server, pem.certificate())).isTrue();
            tlsDirectory = Path.of(queryString(server, "SHOW ssl_key_file")).getParent();
            assertThat(Files.getPosixFilePermissions(tlsDirectory.resolve("server.key")))
                    .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        }
        assertThat(tlsDirectory).doesNotExist();
    }

    private static boolean verifiedTlsSession(PostgresServer server, Path rootCertificate) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", "reader");
        properties.setProperty("password", "right");
        properties.setProperty("sslmode", "verify-full");
        properties.setProperty("sslrootcert", rootCertificate.toString());
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("postgres"), properties);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    private static String queryString(PostgresServer server, String sql) throws SQLException {
        try (Connection connection = server.connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
