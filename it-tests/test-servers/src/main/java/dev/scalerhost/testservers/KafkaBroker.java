package dev.scalerhost.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real single-node Apache Kafka broker (KRaft, broker and controller in one process) in a child
 * JVM, started from the Kafka jars resolved at build time, listening on free loopback ports.
 *
 * <p>The data directory and the ports survive {@link #stop()} and {@link #restart()}, so a test can
 * take the broker away and bring it back as the same cluster. {@link #close()} stops the process and
 * deletes the data; a shutdown hook makes sure no broker outlives the JVM that started it.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String READY_LINE = "Kafka Server started";

    private final Path dataDir;
    private final KafkaBrokerConfig.Ports ports;
    private final Optional<KafkaBrokerTls> tls;
    private final Map<String, String> extraProperties;
    private final Thread shutdownHook = new Thread(this::killQuietly, "kafka-broker-shutdown");
    private Process process;
    private boolean formatted;
    private boolean hookInstalled;

    /** A broker on free ports with its data in a new temporary directory; not started yet. */
    public KafkaBroker() throws IOException {
        this(Map.of());
    }

    /**
     * A broker on free ports with its data in a new temporary directory and {@code extraProperties}
     * added to (or replacing) its server properties; not started yet.
     */
    public KafkaBroker(Map<String, String> extraProperties) throws IOException {
        this(Optional.empty(), extraProperties);
    }

    /**
     * A broker with the TLS listeners {@code tls} describes beside its PLAINTEXT one, on free ports,
     * with its data in a new temporary directory; not started yet.
     */
    public KafkaBroker(KafkaBrokerTls tls) throws IOException {
        this(Optional.of(tls), Map.of());
    }

    private KafkaBroker(Optional<KafkaBrokerTls> tls, Map<String, String> extraProperties) throws IOException {
        this.ports = new KafkaBrokerConfig.Ports(KafkaBrokerSupport.freePort(), KafkaBrokerSupport.freePort(),
                tls.isEmpty() ? Map.of() : Map.of("SSL", KafkaBrokerSupport.freePort(),
                        "MTLS", KafkaBrokerSupport.freePort(), "SASL_SSL", KafkaBrokerSupport.freePort()));
        this.tls = tls;
        this.extraProperties = Map.copyOf(Objects.requireNonNull(extraProperties, "extraProperties"));
        this.dataDir = Files.createTempDirectory("kafka-broker-");
    }

    /** Creates a broker on free ports and starts it: the usual one-liner for a test class. */
    public static KafkaBroker started() throws IOException {
        KafkaBroker broker = new KafkaBroker();
        try {
            broker.start();
            return broker;
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** Creates a broker with the TLS listeners {@code tls} describes and starts it. */
    public static KafkaBroker started(KafkaBrokerTls tls) throws IOException {
        KafkaBroker broker = new KafkaBroker(tls);
        try {
            broker.start();
            return broker;
        } catch (IOException | RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:<port>} of the PLAINTEXT listener, the same across restarts. */
    public String bootstrapServers() {
        return "127.0.0.1:" + ports.plaintext();
    }

    /** {@code 127.0.0.1:<port>} of the SSL listener (server certificate only). */
    public String sslBootstrapServers() {
        requireTls("an SSL listener", t -> true);
        return "127.0.0.1:" + ports.tlsPorts().get("SSL");
    }

    /** {@code 127.0.0.1:<port>} of the MTLS listener, which requires a client certificate. */
    public String mutualTlsBootstrapServers() {
        requireTls("an MTLS listener (KafkaBrokerTls.requiringClientCertificates)", t -> t.clientCa().isPresent());
        return "127.0.0.1:" + ports.tlsPorts().get("MTLS");
    }

    /** {@code 127.0.0.1:<port>} of the SASL_SSL listener (SCRAM-SHA-512). */
    public String saslSslBootstrapServers() {
        requireTls("a SASL_SSL listener (KafkaBrokerTls.withScramUser)", KafkaBrokerTls::sasl);
        return "127.0.0.1:" + ports.tlsPorts().get("SASL_SSL");
    }

    private void requireTls(String listener, Predicate<KafkaBrokerTls> has) {
        if (tls.filter(has).isEmpty()) {
            throw new IllegalStateException("this Kafka broker was not created with " + listener);
        }
    }

    /** The directory holding the broker's data, properties and logs ({@code server.log}). */
    public Path dataDir() {
        return dataDir;
    }

    /** The broker's log file, for diagnosing a test failure. */
    public Path logFile() {
        return dataDir.resolve("server.log");
    }

    /** Whether the broker process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the broker (formatting the storage on first start) and waits until it serves requests.
     *
     * @throws IllegalStateException if it is already running
     * @throws IOException if it does not start within a minute; the message points at the log
     */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " is already running");
        }
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hookInstalled = true;
        }
        Path properties = KafkaBrokerConfig.write(dataDir, ports, tls, extraProperties, logFile());
        if (!formatted) {
            format(properties);
            formatted = true;
        }
        long logOffset = Files.exists(logFile()) ? Files.size(logFile()) : 0;
        process = launch(List.of("kafka.Kafka", properties.toString()), dataDir.resolve("console.log"));
        awaitReady(logOffset);
    }

    /** Stops the broker with SIGTERM (a clean shutdown), killing it if it takes longer than 30 s. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops and starts the broker on the same port and data directory. */
    public synchronized void restart() throws IOException {
        stop();
        start();
    }

    /** Stops the broker and deletes its temporary data directory. Never leaves the process behind. */
    @Override
    public synchronized void close() {
        stop();
        if (hookInstalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to run; it kills the (already stopped) process again harmlessly.
            }
            hookInstalled = false;
        }
        KafkaBrokerSupport.deleteRecursively(dataDir);
    }

    private void killQuietly() {
        Process running;
        synchronized (this) {
            running = process;
        }
        if (running != null) {
            running.destroyForcibly();
        }
    }

    private void format(Path properties) throws IOException {
        Path log = dataDir.resolve("format.log");
        List<String> command = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t",
                KafkaBrokerSupport.randomClusterId(), "-c", properties.toString(), "--standalone"));
        tls.ifPresent(t -> command.addAll(t.formatArguments()));
        Process format = launch(command, log);
        try {
            if (!format.waitFor(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                format.destroyForcibly();
                throw new IOException("Formatting Kafka storage did not finish within " + START_TIMEOUT
                        + "; see " + log);
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while formatting Kafka storage", e);
        }
        if (format.exitValue() != 0) {
            throw new IOException("Formatting Kafka storage failed with exit code " + format.exitValue()
                    + ": " + Files.readString(log, StandardCharsets.UTF_8).strip());
        }
    }

    private Process launch(List<String> mainAndArgs, Path output) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
                "-cp", KafkaBrokerSupport.brokerClasspath()));
        command.addAll(mainAndArgs);
        return new ProcessBuilder(command)
                .directory(dataDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                .start();
    }

    private void awaitReady(long logOffset) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (logContainsReadyLine(logOffset)) {
                return;
            }
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                throw new IOException("Kafka broker exited with code " + exit + " before it was ready; see "
                        + logFile() + " and " + dataDir.resolve("console.log"));
            }
            sleep(Duration.ofMillis(50));
        }
        stop();
        throw new IOException("Kafka broker was not ready within " + START_TIMEOUT + "; see " + logFile());
    }

    private boolean logContainsReadyLine(long offset) throws IOException {
        if (!Files.exists(logFile())) {
            return false;
        }
        try (InputStream in = Files.newInputStream(logFile())) {
            in.skipNBytes(Math.min(offset, Files.size(logFile())));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).contains(READY_LINE);
        }
    }

    private static void sleep(Duration duration) throws IOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    /**
     * Starts a broker and keeps it running until the process is interrupted (Ctrl-C, SIGTERM).
     * Prints {@code KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:<port>} once it is ready.
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            System.err.println("usage: KafkaBroker   (no arguments; the port is chosen freely and printed)");
            System.exit(2);
        }
        KafkaBroker broker = started();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kafka-broker-main-shutdown"));
        System.out.println("KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers());
        System.out.println("Kafka broker log: " + broker.logFile());
        System.out.flush();
        stopped.await();
    }
}
