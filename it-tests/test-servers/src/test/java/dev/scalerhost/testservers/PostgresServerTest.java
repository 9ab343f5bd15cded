package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One server for the class (initdb is the slow part); the last test closes it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresServerTest {

    private static PostgresServer server;

    @BeforeAll
    static void start() throws Exception {
        server = PostgresServer.start();
    }

    @AfterAll
    static void close() {
        server.close();
    }

    @Test
    @Order(1)
    void refusesWrongPasswordsAndPreloadsStatementStatistics() throws Exception {
        server.createUser("reader", "right");
        assertThatThrownBy(() -> DriverManager.getConnection(server.jdbcUrl("postgres"), "reader", "wrong"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
        try (Connection ok = DriverManager.getConnection(server.jdbcUrl("postgres"), "reader", "right")) {
            assertThat(ok.isValid(1)).isTrue();
        }
        server.execute("postgres", "CREATE EXTENSION pg_stat_statements");
        assertThat(queryInt("postgres", "SELECT count(*) FROM pg_stat_statements")).isPositive();
    }

    @Test
    @Order(2)
    void keepsPortAndDataAcrossStopAndRestart() throws Exception {
        int port = server.port();
        server.createDatabase("restart_check");
        server.execute("restart_check", "CREATE TABLE t (v int); INSERT INTO t VALUES (42)");

        server.stop();
        assertThat(server.isRunning()).isFalse();
        assertThatThrownBy(() -> server.connect("restart_check").close()).isInstanceOf(SQLException.class);

        server.restart();
        assertThat(server.isRunning()).isTrue();
        assertThat(server.port()).isEqualTo(port);
        assertThat(queryInt("restart_check", "SELECT v FROM t")).isEqualTo(42);
    }

    @Test
    @Order(3)
    void closeLeavesNoPostmasterAndNoData() throws Exception {
        Path dataDirectory = server.dataDirectory();
        long postmasterPid = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
        assertThat(ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive)).isPresent();

        server.close();

        assertThat(exitsWithin(postmasterPid, Duration.ofSeconds(10)))
                .as("postmaster %d ended after close()", postmasterPid).isTrue();
        assertThat(dataDirectory).doesNotExist();
        assertThatThrownBy(server::restart).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    /**
     * Whether the process is gone or a zombie within {@code limit}. A postmaster that pg_ctl
     * daemonized is re-parented to PID 1, which in some sandboxes reaps its children late or never;
     * a zombie has ended all the same.
     */
    private static boolean exitsWithin(long pid, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!running(pid)) {
                return true;
            }
            Thread.sleep(50);
        }
        return !running(pid);
    }

    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException noSuchProcess) {
            return false;
        }
    }

    private static int queryInt(String database, String sql) throws SQLException {
        try (Connection connection = server.connect(database);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
