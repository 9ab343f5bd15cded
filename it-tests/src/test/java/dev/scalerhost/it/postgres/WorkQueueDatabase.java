package dev.scalerhost.it.postgres;

import dev.scalerhost.testservers.PostgresServer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;

/**
 * One test's Lakerunner database on a shared server: its own database and login role (both named
 * after the test), a {@code work_queue} table the role may only read, and a server-side count of
 * how often that role ran a statement over {@code work_queue} ({@code pg_stat_statements}).
 */
final class WorkQueueDatabase {

    /** What a row of work_queue is, as far as the depth query cares. */
    enum State { UNCLAIMED, CLAIMED, FAILED }

    private static final String TABLE = """
            CREATE TABLE work_queue (
              id          bigserial PRIMARY KEY,
              task_name   text        NOT NULL,
              priority    integer     NOT NULL DEFAULT 0,
              claimed_by  bigint      NOT NULL DEFAULT -1,
              failed      boolean     NOT NULL DEFAULT false,
              payload     jsonb       NOT NULL DEFAULT '{}',
              created_at  timestamptz NOT NULL DEFAULT now()
            )""";

    private final PostgresServer server;
    private final String database;
    private final String user;
    private final String password;

    private WorkQueueDatabase(PostgresServer server, String database, String user, String password) {
        this.server = server;
        this.database = database;
        this.user = user;
        this.password = password;
    }

    /** Creates database {@code name} with an empty work_queue and a role {@code name_scaler} that can read it. */
    static WorkQueueDatabase create(PostgresServer server, String name) throws SQLException {
        Objects.requireNonNull(server, "server");
        String user = name + "_scaler";
        String password = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        server.createDatabase(name);
        server.createUser(user, password);
        server.execute(name, TABLE + "; GRANT SELECT ON work_queue TO " + user
                + "; CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        return new WorkQueueDatabase(server, name, user, password);
    }

    String jdbcUrl() {
        return server.jdbcUrl(database);
    }

    String database() {
        return database;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    /** The environment that {@code config/lakerunner.yaml} reads its connection from, with the right password. */
    Map<String, String> hostEnvironment() {
        return hostEnvironment(password);
    }

    /** As {@link #hostEnvironment()}, with {@code password} instead of the role's. */
    Map<String, String> hostEnvironment(String password) {
        return Map.of("LAKERUNNER_DB_URL", jdbcUrl(), "LAKERUNNER_DB_USER", user, "LAKERUNNER_DB_PASSWORD", password);
    }

    /** Adds {@code count} rows of {@code task} in {@code state}, with priorities 0..3 in turn. */
    void add(String task, int count, State state) throws SQLException {
        update("INSERT INTO work_queue (task_name, priority, claimed_by, failed) "
                + "SELECT ?, n % 4, ?, ? FROM generate_series(1, ?) AS n",
                task, state == State.CLAIMED ? 4242L : -1L, state == State.FAILED, count);
    }

    /** A worker claims {@code count} of {@code task}'s waiting rows, highest priority first. */
    void claim(String task, int count) throws SQLException {
        changeWaiting("claimed_by = 4243", task, count);
    }

    /** {@code count} of {@code task}'s waiting rows give up. */
    void fail(String task, int count) throws SQLException {
        changeWaiting("failed = true", task, count);
    }

    /** How many statements over work_queue the role has run in this database so far, as the server counts them. */
    long queueQueryExecutions() throws SQLException {
        try (Connection connection = server.connect(database);
                PreparedStatement statement = connection.prepareStatement("""
                        SELECT coalesce(sum(s.calls), 0)
                        FROM pg_stat_statements s
                        JOIN pg_roles r ON r.oid = s.userid
                        JOIN pg_database d ON d.oid = s.dbid
                        WHERE r.rolname = ? AND d.datname = ? AND s.query ILIKE '%work_queue%'""")) {
            statement.setString(1, user);
            statement.setString(2, database);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private void changeWaiting(String assignment, String task, int count) throws SQLException {
        int changed = update("UPDATE work_queue SET " + assignment + " WHERE id IN (SELECT id FROM work_queue "
                + "WHERE task_name = ? AND claimed_by = -1 AND NOT failed ORDER BY priority DESC, id LIMIT ?)", task, count);
        if (changed != count) {
            throw new IllegalStateException("wanted to change " + count + " waiting rows of " + task + ", found " + changed);
        }
    }

    private int update(String sql, Object... params) throws SQLException {
        try (Connection connection = server.connect(database); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                statement.setObject(i + 1, params[i]);
            }
            return statement.executeUpdate();
        }
    }
}
