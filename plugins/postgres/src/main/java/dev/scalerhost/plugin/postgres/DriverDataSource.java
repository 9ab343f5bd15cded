package dev.scalerhost.plugin.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over an {@link org.postgresql.Driver} created here, for HikariCP.
 *
 * <p>The plugin lives in its own class loader; {@code DriverManager} only offers drivers visible to
 * its caller's loader, so the driver is instantiated directly instead of looked up.
 */
final class DriverDataSource implements DataSource {

    private final Driver driver = new org.postgresql.Driver();
    private final ConnectionSpec spec;
    private volatile PrintWriter logWriter;
    private volatile int loginTimeoutSeconds;

    DriverDataSource(ConnectionSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(spec.driverProperties());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties properties = spec.driverProperties();
        properties.setProperty("user", username);
        properties.setProperty("password", password);
        return connect(properties);
    }

    private Connection connect(Properties properties) throws SQLException {
        if (loginTimeoutSeconds > 0) {
            properties.setProperty("loginTimeout", Integer.toString(loginTimeoutSeconds));
        }
        PemKeyAlgorithm.inferFromCertificate(properties);
        Connection connection = driver.connect(spec.jdbcUrl(), properties);
        if (connection == null) {
            throw new SQLException("pgjdbc does not accept the URL of " + spec.address(), "08001");
        }
        return connection;
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("java.util.logging is not used");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    @Override
    public String toString() {
        return "DriverDataSource[" + spec + "]";
    }
}
