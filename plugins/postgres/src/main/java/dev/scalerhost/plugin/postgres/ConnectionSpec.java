package dev.scalerhost.plugin.postgres;

import dev.scalerhost.spi.Settings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** libpq keywords that say where the database is: they make the JDBC URL. */
    private static final List<String> LIBPQ_ADDRESS = List.of("host", "port", "dbname");
    /** libpq keywords that pgjdbc takes as connection properties, by their pgjdbc name. */
    private static final Map<String, String> LIBPQ_PROPERTIES = Map.of("user", "user", "password", "password",
            "sslmode", "sslmode", "sslrootcert", "sslrootcert", "sslcert", "sslcert", "sslkey", "sslkey",
            "sslpassword", "sslpassword");
    /** libpq keywords the source sets itself: connectionTimeout and the application name "scalerhost". */
    private static final List<String> LIBPQ_IGNORED = List.of("connect_timeout", "application_name");

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
     * Reads where to connect, in one of three forms: {@code jdbcUrl} with {@code username}; KEDA's
     * {@code connection} (a libpq key/value string or a {@code postgresql://} URI); or KEDA's split keys
     * {@code host}, {@code port}, {@code userName} (or {@code username}), {@code dbName}. Then
     * {@code password} and pgjdbc's TLS keys ({@code sslmode}, {@code sslrootcert}, {@code sslcert},
     * {@code sslkey}, {@code sslpassword}), which a connection string may also carry.
     *
     * @return the spec, or {@code null} if a problem was reported on {@code settings}
     */
    static ConnectionSpec read(Settings settings, Duration connectionTimeout) {
        Optional<String> jdbcUrlText = settings.optionalString("jdbcUrl");
        Optional<String> connection = settings.secret("connection");
        Optional<String> host = settings.optionalString("host");
        Optional<String> port = settings.optionalString("port");
        Optional<String> dbName = settings.optionalString("dbName");
        String userKey = settings.has("userName") && !settings.has("username") ? "userName" : "username";
        if (settings.has("userName") && settings.has("username")) {
            settings.problem("userName", "'username' and 'userName' are two spellings of the same key: give only one");
        }
        Optional<String> user = settings.optionalString(userKey);
        settings.optionalString(userKey.equals("username") ? "userName" : "username");
        Optional<String> password = settings.secret("password");
        Map<String, String> keywords = new LinkedHashMap<>();
        connection.ifPresent(text -> {
            try {
                keywords.putAll(ConnectionString.parse(text));
            } catch (IllegalArgumentException e) {
                // The string is not echoed: it usually holds a password.
                settings.problem("connection", e.getMessage());
            }
        });
        long forms = (jdbcUrlText.isPresent() ? 1 : 0) + (connection.isPresent() ? 1 : 0) + (host.isPresent() ? 1 : 0);
        if (forms == 0) {
            settings.problem("jdbcUrl", "required: give jdbcUrl (with username), or KEDA's connection (a libpq "
                    + "connection string or postgresql:// URI), or KEDA's host, port, userName and dbName");
            return null;
        }
        if (forms > 1) {
            settings.problem(jdbcUrlText.isPresent() ? "jdbcUrl" : "connection", "give one of jdbcUrl, connection, "
                    + "or host with port, userName and dbName: they are three ways to say where the database is");
            return null;
        }
        if (!host.isPresent()) {
            for (String split : new String[] {"port", "dbName"}) {
                if (settings.has(split)) {
                    settings.problem(split, "goes with host (KEDA's split form), not with "
                            + (connection.isPresent() ? "connection" : "jdbcUrl"));
                }
            }
        }
        Properties properties = new Properties();
        String jdbcUrl;
        String username;
        if (connection.isPresent()) {
            jdbcUrl = keywords.isEmpty() ? null : fromKeywords(settings, keywords, properties);
            username = keywords.get("user");
            if (username != null && user.isPresent()) {
                settings.problem(userKey, "is also given inside connection: give it once");
            }
            username = username != null ? username : user.orElse(null);
            if (keywords.containsKey("password") && password.isPresent()) {
                settings.problem("password", "is also given inside connection: give it once");
            }
        } else if (host.isPresent()) {
            if (dbName.isEmpty()) {
                settings.problem("dbName", "required with host (KEDA's split form): the database to query");
            }
            jdbcUrl = dbName.map(db -> jdbcUrl(host.get(), port.orElse(ConnectionString.DEFAULT_PORT), db)).orElse(null);
            username = user.orElse(null);
        } else {
            jdbcUrl = jdbcUrlText.get();
            username = user.orElse(null);
        }
        if (username == null && !(connection.isPresent() && keywords.isEmpty())) {
            settings.problem(userKey, "required: the database user to connect as");
        }
        Optional<DatabaseAddress> address = Optional.empty();
        if (jdbcUrl != null) {
            address = DatabaseAddress.of(jdbcUrl);
            if (address.isEmpty()) {
                // The value is not echoed: it may carry a password.
                settings.problem(jdbcUrlText.isPresent() ? "jdbcUrl" : host.isPresent() ? "host" : "connection",
                        jdbcUrlText.isPresent() ? "not a PostgreSQL JDBC URL; expected jdbc:postgresql://HOST:PORT/DATABASE"
                                : "does not name a host and database pgjdbc can connect to");
            }
        }
        password.ifPresent(secret -> properties.setProperty("password", secret));
        String sslmode = settings.oneOf("sslmode", null, SSL_MODES);
        if (sslmode != null) {
            if (properties.containsKey("sslmode")) {
                settings.problem("sslmode", "is also given inside connection: give it once");
            }
            properties.setProperty("sslmode", sslmode);
        }
        for (String key : SSL_FILES) {
            settings.optionalString(key).ifPresent(path -> properties.setProperty(key, path));
        }
        settings.secret("sslpassword").ifPresent(secret -> properties.setProperty("sslpassword", secret));
        if (username == null || address.isEmpty() || settings.hasProblems()) {
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

    /** The JDBC URL of libpq keywords; the credentials and TLS keywords go to {@code properties}. */
    private static String fromKeywords(Settings settings, Map<String, String> keywords, Properties properties) {
        for (Map.Entry<String, String> keyword : keywords.entrySet()) {
            String name = keyword.getKey();
            if (LIBPQ_PROPERTIES.containsKey(name)) {
                properties.setProperty(LIBPQ_PROPERTIES.get(name), keyword.getValue());
            } else if (!LIBPQ_ADDRESS.contains(name) && !LIBPQ_IGNORED.contains(name)) {
                settings.problem("connection", "libpq keyword '" + name + "' is not supported here; supported: "
                        + String.join(", ", supportedKeywords()));
            }
        }
        if (properties.containsKey("sslmode") && !List.of(SSL_MODES).contains(properties.getProperty("sslmode"))) {
            settings.problem("connection", "sslmode must be one of " + String.join(", ", SSL_MODES));
        }
        String db = keywords.get("dbname");
        if (db == null || db.isBlank()) {
            settings.problem("connection", "names no database: add dbname");
            return null;
        }
        return jdbcUrl(keywords.getOrDefault("host", "localhost"), keywords.getOrDefault("port", ConnectionString.DEFAULT_PORT), db);
    }

    /** {@code jdbc:postgresql://h1:p1,h2:p2/db} of libpq's comma-separated host and port lists. */
    private static String jdbcUrl(String hosts, String ports, String database) {
        String[] hostList = hosts.split(",");
        String[] portList = ports.split(",");
        StringBuilder url = new StringBuilder("jdbc:postgresql://");
        for (int i = 0; i < hostList.length; i++) {
            String host = hostList[i].strip();
            String port = portList[Math.min(i, portList.length - 1)].strip();
            url.append(i == 0 ? "" : ",").append(host.contains(":") ? "[" + host + "]" : host)
                    .append(':').append(port.isEmpty() ? ConnectionString.DEFAULT_PORT : port);
        }
        return url.append('/').append(URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20")).toString();
    }

    private static List<String> supportedKeywords() {
        List<String> all = new ArrayList<>(LIBPQ_ADDRESS);
        all.addAll(LIBPQ_PROPERTIES.keySet());
        all.addAll(LIBPQ_IGNORED);
        return all.stream().sorted().toList();
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

    /** Whether the connection presents a client certificate ({@code sslcert} or {@code sslkey}). */
    boolean presentsClientCertificate() {
        return properties.containsKey("sslcert") || properties.containsKey("sslkey");
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
