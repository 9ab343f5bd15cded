package dev.scalerhost.plugin.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.pool.HikariPool;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.SourceMetrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Objects;
import java.util.Properties;

/**
 * The HikariCP pool of one source: read-only sessions, created lazily, never blocking at startup.
 *
 * <p>{@link HikariPool} is used rather than {@code HikariDataSource} because only the pool takes a
 * per-call wait, which lets a borrow end at the measurement's deadline.
 */
final class ConnectionPool implements AutoCloseable {

    /** Every session is read-only from the start, whatever the transaction mode of a statement. */
    static final String SESSION_INIT_SQL = "SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY";

    private final HikariPool pool;
    private final long connectionTimeoutMillis;

    private ConnectionPool(HikariPool pool, long connectionTimeoutMillis) {
        this.pool = pool;
        this.connectionTimeoutMillis = connectionTimeoutMillis;
    }

    /** Creates the pool without connecting; the first {@link #borrow} opens the first connection. */
    static ConnectionPool create(String sourceName, ConnectionSpec spec, SourceOptions options, SourceMetrics metrics) {
        Objects.requireNonNull(sourceName, "sourceName");
        HikariConfig config = new HikariConfig();
        config.setPoolName("scalerhost-" + sourceName);
        // HikariCP's own driver handling, with the class name rather than a DriverManager lookup by URL:
        // DriverManager only offers a caller the drivers its class loader sees, and this plugin has a
        // loader of its own; HikariCP, loaded by the same loader, finds pgjdbc through it.
        config.setDriverClassName(org.postgresql.Driver.class.getName());
        config.setJdbcUrl(spec.jdbcUrl());
        Properties driverProperties = spec.driverProperties();
        PemKeyAlgorithm.inferFromCertificate(driverProperties);
        // Credentials, timeouts (loginTimeout among them, so pgjdbc never reads DriverManager's
        // process-wide one) and TLS files, for every connection of the pool.
        config.setDataSourceProperties(driverProperties);
        config.setMaximumPoolSize(options.poolSize());
        // No idle connections to keep: nothing touches the network until a measurement asks.
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(options.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(options.connectionTimeout().toMillis(), 1000));
        config.setAutoCommit(false);
        config.setReadOnly(true);
        config.setConnectionInitSql(SESSION_INIT_SQL);
        // HikariDataSource validates its config before building a pool; building one directly must too.
        config.validate();
        HikariPool pool = new HikariPool(config);
        metrics.gauge("pool_connections_active", pool::getActiveConnections);
        metrics.gauge("pool_connections_idle", pool::getIdleConnections);
        metrics.gauge("pool_connections_pending", pool::getThreadsAwaitingConnection);
        return new ConnectionPool(pool, options.connectionTimeout().toMillis());
    }

    /**
     * A connection within the source's connection timeout and the deadline, whichever ends first.
     *
     * @throws SQLException if none is available in time; its cause is the last connection failure
     */
    Connection borrow(Deadline deadline) throws SQLException {
        long wait = Math.min(connectionTimeoutMillis, deadline.remainingMillis());
        if (wait <= 0) {
            throw new SQLTransientConnectionException("the deadline passed before a connection was requested");
        }
        return pool.getConnection(wait);
    }

    /** Closes every connection, aborting those in use so that a running measurement ends. */
    @Override
    public void close() throws InterruptedException {
        pool.shutdown();
    }
}
