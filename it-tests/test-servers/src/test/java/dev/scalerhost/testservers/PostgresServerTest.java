package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresServerTest {

    @Test
    void keepsPortAndDataAcrossRestartAndLeavesNoProcessAfterClose() throws Exception {
        Path dataDirectory;
        long postmasterPid;
        try (PostgresServer server = PostgresServer.start()) {
            dataDirectory = server.dataDirectory();
            int port = server.port();
            server.createDatabase("restart_check");
            server.execute("restart_check", "CREATE TABLE t (v int); INSERT INTO t VALUES (42)");

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThatThrownBy(() -> server.connect("restart_check").close()).isInstanceOf(SQLException.class);

            server.restart();
            assertThat(server.port()).isEqualTo(port);
            assertThat(queryInt(server, "restart_check", "SELECT v FROM t")).isEqualTo(42);
            postmasterPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        }
        assertThat(ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(dataDirectory).doesNotExist();
    }

    @Test
    void refusesWrongPasswordsAndPreloadsStatementStatistics() throws Exception {
        try (PostgresServer server = PostgresServer.start()) {
            server.createUser("reader", "right");
            assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), "reader", "wrong"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("password authentication failed");
            try (Connection ok = DriverManager.getConnection(server.jdbcUrl("postgres"), "reader", "right")) {
                assertThat(ok.isValid(1)).isTrue();
            }
            server.execute("postgres", "CREATE EXTENSION pg_stat_statements");
            assertThat(queryInt(server, "postgres", "SELECT count(*) FROM pg_stat_statements")).isPositive();
        }
    }

    private static int queryInt(PostgresServer server, String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
