package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;

/**
 * How to connect to a source's database: the JDBC URL and the pgjdbc properties, credentials and TLS
 * included. Holds secrets, so it is never printed: {@link #toString()} shows user and address only.
 */
final class ConnectionSpec {

    static final String APPLICATION_NAME = "scalerhost";
    static final String[] SSL_MODES = {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"};
    private static final String[] SSL_FILES = {"sslrootcert", "sslcert", "sslkey"};

    private final String jdbcUrl;
    private final DatabaseAddress address;
    private final String username;
    private final Properties properties;

    private ConnectionSpec(String jdbcUrl, DatabaseAddress address, String username, Properties properties) {
        this.jdbcUrl = jdbcUrl;
        this.address = address;
        this.username = username;
        this.properties = properties;
    }

    /**
     * Reads {@code jdbcUrl}, {@code username}, {@code password} and pgjdbc's TLS keys ({@code sslmode},
     * {@code sslrootcert}, {@code sslcert}, {@code sslkey}, {@code sslpassword}).
     *
     * @return the spec, or {@code null} if a problem was reported on {@code settings}
     */
    static ConnectionSpec read(Settings settings, Duration connectionTimeout) {
        String jdbcUrl = settings.string("jdbcUrl");
        Optional<DatabaseAddress> address = Optional.empty();
        if (jdbcUrl != null) {
            address = DatabaseAddress.of(jdbcUrl);
            if (address.isEmpty()) {
                // The value is not echoed: it may carry a password.
                settings.problem("jdbcUrl", "not a PostgreSQL JDBC URL; expected jdbc:postgresql://HOST:PORT/DATABASE");
            }
        }
        String username = settings.string("username");
        Properties properties = new Properties();
        settings.secret("password").ifPresent(password -> properties.setProperty("password", password));
        String sslmode = settings.oneOf("sslmode", null, SSL_MODES);
        if (sslmode != null) {
            properties.setProperty("sslmode", sslmode);
        }
        for (String key : SSL_FILES) {
            settings.optionalString(key).ifPresent(path -> properties.setProperty(key, path));
        }
        settings.secret("sslpassword").ifPresent(password -> properties.setProperty("sslpassword", password));
        if (username == null || address.isEmpty()) {
            return null;
        }
        properties.setProperty("user", username);
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        String seconds = Long.toString(Math.max(1, (connectionTimeout.toMillis() + 999) / 1000));
        properties.setProperty("connectTimeout", seconds);
        properties.setProperty("loginTimeout", seconds);
        properties.setProperty("tcpKeepAlive", "true");
        return new ConnectionSpec(jdbcUrl, address.get(), username, properties);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    DatabaseAddress address() {
        return address;
    }

    String username() {
        return username;
    }

    /** A copy of the driver properties, secrets included: hand it to the driver only. */
    Properties driverProperties() {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }

    @Override
    public String toString() {
        return username + "@" + address;
    }
}
