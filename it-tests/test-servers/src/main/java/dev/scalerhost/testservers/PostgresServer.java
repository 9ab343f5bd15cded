package dev.scalerhost.testservers;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 18 server from the embedded binaries of {@code io.zonky.test}, bound to 127.0.0.1 on
 * a free port, with password authentication for every TCP connection.
 *
 * <p>{@link #stop()} and {@link #restart()} keep the port and the data directory, so fault tests can
 * take the database away and bring it back with its contents. {@link #close()} stops the server (killing
 * the postmaster if {@code pg_ctl} could not) and deletes the data directory.
 *
 * <p>{@code pg_stat_statements} is preloaded, so tests can count executions on the server side.
 *
 * <p>Started with {@link #start(PostgresTls)}, it accepts TCP connections over TLS only (see
 * {@link PostgresTls}); {@link #connect} and the methods built on it then use {@code sslmode=require}.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String SUPERUSER = "postgres";
    public static final String SUPERUSER_PASSWORD = "postgres-test-password";

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);

    private final Path dataDirectory;
    private final int port;
    private final Optional<Tls> tls;
    private EmbeddedPostgres running;
    private boolean closed;

    /** The TLS options and where their files were installed, for restarts and for close to delete. */
    private record Tls(PostgresTls options, Path directory, Map<String, String> serverConfig) {
    }

    private PostgresServer(Path dataDirectory, int port, Optional<Tls> tls, EmbeddedPostgres running) {
        this.dataDirectory = dataDirectory;
        this.port = port;
        this.tls = tls;
        this.running = running;
    }

    /** Starts a fresh server on a free port of 127.0.0.1. */
    public static PostgresServer start() throws IOException {
        return start(0);
    }

    /** Starts a fresh server on {@code port} of 127.0.0.1, or on a free one if {@code port} is 0. */
    public static PostgresServer start(int port) throws IOException {
        return start(port, Optional.empty());
    }

    /** Starts a fresh server on a free port of 127.0.0.1 that accepts TCP connections over TLS only. */
    public static PostgresServer start(PostgresTls tls) throws IOException {
        return start(0, Optional.of(Objects.requireNonNull(tls, "tls")));
    }

    private static PostgresServer start(int port, Optional<PostgresTls> tlsOptions) throws IOException {
        Path dataDirectory = Files.createTempDirectory("scalerhost-postgres-");
        Path tlsDirectory = null;
        Optional<Tls> tls = Optional.empty();
        EmbeddedPostgres first;
        try {
            if (tlsOptions.isPresent()) {
                tlsDirectory = Files.createTempDirectory("scalerhost-postgres-tls-");
                tls = Optional.of(new Tls(tlsOptions.get(), tlsDirectory, tlsOptions.get().install(tlsDirectory)));
            }
            first = launch(dataDirectory, port, tls);
        } catch (IOException | RuntimeException e) {
            PostmasterReaper.reap(dataDirectory);
            deleteRecursively(dataDirectory);
            if (tlsDirectory != null) {
                deleteRecursively(tlsDirectory);
            }
            throw e;
        }
        PostgresServer server = new PostgresServer(dataDirectory, first.getPort(), tls, first);
        try {
            server.requirePasswords();
        } catch (SQLException | IOException e) {
            server.close();
            throw new IOException("PostgreSQL started on port " + server.port + " but could not be configured", e);
        }
        log.info("PostgreSQL running on 127.0.0.1:{}{}, data in {}", server.port,
                tls.isPresent() ? " (TLS only)" : "", dataDirectory);
        return server;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /** The JDBC URL of {@code database}, without credentials. */
    public String jdbcUrl(String database) {
        Objects.requireNonNull(database, "database");
        return "jdbc:postgresql://" + host() + ":" + port + "/" + database;
    }

    public String superuser() {
        return SUPERUSER;
    }

    public String superuserPassword() {
        return SUPERUSER_PASSWORD;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /** A new superuser connection to {@code database}, over TLS if the server requires it; the caller closes it. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", SUPERUSER);
        properties.setProperty("password", SUPERUSER_PASSWORD);
        if (tls.isPresent()) {
            properties.setProperty("sslmode", "require");
        }
        return DriverManager.getConnection(jdbcUrl(database), properties);
    }

    /** Creates an empty database owned by the superuser. */
    public void createDatabase(String name) throws SQLException {
        execute("postgres", "CREATE DATABASE " + quoteIdentifier(name));
    }

    /** Creates a login role with a password and lets it connect to every database. */
    public void createUser(String name, String password) throws SQLException {
        Objects.requireNonNull(password, "password");
        execute("postgres", "CREATE ROLE " + quoteIdentifier(name) + " LOGIN PASSWORD '"
                + password.replace("'", "''") + "'");
    }

    /** Runs {@code sql} (statements separated by semicolons) as the superuser in {@code database}. */
    public void execute(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Stops the server ({@code pg_ctl stop -m fast}); the port and the data stay for {@link #restart()}. */
    public synchronized void stop() throws IOException {
        if (running == null) {
            return;
        }
        EmbeddedPostgres stopping = running;
        running = null;
        stopping.close();
        PostmasterReaper.reap(dataDirectory);
        log.info("PostgreSQL on port {} stopped", port);
    }

    /** Starts the server again on the same port and data directory, stopping it first if it runs. */
    public synchronized void restart() throws IOException {
        if (closed) {
            throw new IllegalStateException("PostgreSQL on port " + port + " is closed; start a new server");
        }
        stop();
        running = launch(dataDirectory, port, tls);
        log.info("PostgreSQL on port {} restarted", port);
    }

    /** Stops the server, never leaving the postmaster behind, and deletes its data. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stop();
        } catch (IOException | RuntimeException e) {
            log.warn("pg_ctl stop failed for port {}: {}", port, e.toString());
        } finally {
            running = null;
            PostmasterReaper.reap(dataDirectory);
            deleteRecursively(dataDirectory);
            tls.ifPresent(t -> deleteRecursively(t.directory()));
        }
    }

    private static EmbeddedPostgres launch(Path dataDirectory, int port, Optional<Tls> tls) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setPGStartupWait(STARTUP_WAIT)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("max_connections", "100")
                // Lets zonky's readiness probe in through the password rule written by requirePasswords.
                .setConnectConfig("password", SUPERUSER_PASSWORD);
        if (tls.isPresent()) {
            tls.get().serverConfig().forEach(builder::setServerConfig);
            // After a restart only hostssl rules are left, so the readiness probe must use TLS too.
            builder.setConnectConfig("sslmode", "require");
        }
        return builder.start();
    }

    /** initdb trusts everyone; tests of authentication need real passwords. */
    private void requirePasswords() throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("SET password_encryption = 'scram-sha-256'");
            statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + SUPERUSER_PASSWORD + "'");
            List<String> rules = tls.map(t -> t.options().hbaLines(SUPERUSER)).orElse(List.of(
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256"));
            Files.write(dataDirectory.resolve("pg_hba.conf"), rules);
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private static String quoteIdentifier(String name) {
        Objects.requireNonNull(name, "name");
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }

    /**
     * Runs a server until the process is stopped: {@code PostgresServer [--port N] [--database NAME]...}.
     * Prints the JDBC URLs and the superuser's credentials.
     */
    public static void main(String[] args) throws Exception {
        int port = 0;
        List<String> databases = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(Objects.requireNonNull(value, "--port needs a number"));
                case "--database" -> databases.add(Objects.requireNonNull(value, "--database needs a name"));
                default -> throw new IllegalArgumentException(
                        "unknown argument '" + args[i] + "'; usage: PostgresServer [--port N] [--database NAME]...");
            }
            i++;
        }
        PostgresServer server = start(port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "postgres-server-shutdown"));
        for (String database : databases) {
            server.createDatabase(database);
        }
        System.out.println("PostgreSQL on " + server.host() + ":" + server.port()
                + " (user " + SUPERUSER + ", password " + SUPERUSER_PASSWORD + ")");
        for (String database : Optional.of(databases).filter(d -> !d.isEmpty()).orElse(List.of("postgres"))) {
            System.out.println("  " + server.jdbcUrl(database));
        }
        stopped.await();
    }
}
