package dev.scalerhost.demo;

import dev.scalerhost.testservers.PostgresServer;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Lakerunner's {@code lakerunner} database with its {@code work_queue} table, a {@code lakerunner}
 * role that the workload writes with, and the read-only {@code scaler} role that the host measures with.
 * Passwords are random per run.
 *
 * @param jdbcUrl         the database's URL, without credentials
 * @param writerUser      the workload's role
 * @param writerPassword  its password
 * @param scalerUser      the host's read-only role
 * @param scalerPassword  its password
 */
record WorkQueueDatabase(String jdbcUrl, String writerUser, String writerPassword,
                         String scalerUser, String scalerPassword) {

    static final String DATABASE = "lakerunner";

    WorkQueueDatabase {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(writerUser, "writerUser");
        Objects.requireNonNull(writerPassword, "writerPassword");
        Objects.requireNonNull(scalerUser, "scalerUser");
        Objects.requireNonNull(scalerPassword, "scalerPassword");
    }

    /** Creates the database, the table and both roles on {@code server}. */
    static WorkQueueDatabase create(PostgresServer server) throws SQLException {
        WorkQueueDatabase database = new WorkQueueDatabase(server.jdbcUrl(DATABASE),
                "lakerunner", randomPassword(), "scaler", randomPassword());
        server.createUser(database.writerUser, database.writerPassword);
        server.createUser(database.scalerUser, database.scalerPassword);
        server.createDatabase(DATABASE);
        server.execute(DATABASE, """
                CREATE TABLE work_queue (
                    id          bigserial   PRIMARY KEY,
                    task_name   text        NOT NULL,
                    priority    integer     NOT NULL DEFAULT 0,
                    claimed_by  bigint      NOT NULL DEFAULT -1,
                    claimed_at  timestamptz,
                    failed      boolean     NOT NULL DEFAULT false,
                    created_at  timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX work_queue_waiting ON work_queue (task_name, priority DESC, id)
                    WHERE claimed_by = -1 AND NOT failed;
                GRANT SELECT, INSERT, UPDATE, DELETE ON work_queue TO lakerunner;
                GRANT USAGE ON SEQUENCE work_queue_id_seq TO lakerunner;
                GRANT SELECT ON work_queue TO scaler;
                ALTER ROLE scaler SET default_transaction_read_only = on;
                """);
        return database;
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Keeps the passwords out of logs and messages. */
    @Override
    public String toString() {
        return "WorkQueueDatabase[" + jdbcUrl + ", writer " + writerUser + ", scaler " + scalerUser + "]";
    }
}
