package dev.scalerhost.testservers;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real RabbitMQ broker (Debian package {@code rabbitmq-server}) with the management plugin, on free
 * loopback ports, everything in a temp dir: its own node name, Erlang distribution port, cookie
 * ({@code HOME}) and an {@code epmd} of its own on a free port, so it runs as root beside a system
 * RabbitMQ or another test's. {@link #stop()} and {@link #start()} keep the ports and the data.
 *
 * <p>Statistics are collected every 500 ms (the default is 5 s), so the management API's queue
 * counts follow a change within about a second. The management HTTP access log ({@link #accessCount})
 * lets tests count the requests a client makes. RabbitMQ starts in about 5 s: share one per test run.
 * The server script is {@code $RABBITMQ_SERVER} or {@code /usr/lib/rabbitmq/bin/rabbitmq-server}.
 */
public final class RabbitMqServer implements AutoCloseable {

    /** The broker's default user; it may log in from loopback addresses only. */
    public static final String USER = "guest";
    public static final String PASSWORD = "guest";

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final AtomicInteger NODES = new AtomicInteger();

    private final Path script;
    private final Path epmdBinary;
    private final Path directory;
    private final int amqpPort;
    private final int managementPort;
    private final int distributionPort;
    private final int epmdPort;
    private final String nodeName;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread killOnExit = new Thread(this::killNow, "rabbitmq-kill-on-exit");
    private Process epmd;
    private Process process;

    private RabbitMqServer(Path script, Path epmdBinary, Path directory) throws IOException {
        this.script = script;
        this.epmdBinary = epmdBinary;
        this.directory = directory;
        this.amqpPort = LocalProcess.freePort();
        this.managementPort = LocalProcess.freePort();
        this.distributionPort = LocalProcess.freePort();
        this.epmdPort = LocalProcess.freePort();
        this.nodeName = "scalerhost-test-" + ProcessHandle.current().pid() + "-" + NODES.incrementAndGet() + "@localhost";
        Files.createDirectories(directory.resolve("mnesia"));
        Files.createDirectories(directory.resolve("log"));
        Files.createDirectories(directory.resolve("http-log"));
        Files.writeString(directory.resolve("enabled_plugins"), "[rabbitmq_management].\n");
        Files.writeString(directory.resolve("rabbitmq.conf"), String.join("\n",
                "listeners.tcp.default = 127.0.0.1:" + amqpPort,
                "management.tcp.ip = 127.0.0.1",
                "management.tcp.port = " + managementPort,
                "management.http_log_dir = " + directory.resolve("http-log"),
                "collect_statistics_interval = 500",
                ""));
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** The server script to run, if RabbitMQ is installed. */
    public static Optional<Path> binary() {
        String configured = System.getenv("RABBITMQ_SERVER");
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/lib/rabbitmq/bin/rabbitmq-server");
        return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }

    /** Starts RabbitMQ and waits until its management API answers. */
    public static RabbitMqServer started() throws IOException {
        Path script = binary().orElseThrow(() -> new IllegalStateException(
                "RabbitMQ is not installed: run 'apt-get install -y --no-install-recommends rabbitmq-server'"
                        + " or set RABBITMQ_SERVER"));
        Path epmdBinary = LocalProcess.binary("EPMD_BINARY", "epmd").orElseThrow(() -> new IllegalStateException(
                "epmd (Erlang) is not installed; it comes with rabbitmq-server"));
        Path directory = Files.createTempDirectory("rabbitmq-");
        RabbitMqServer server = new RabbitMqServer(script, epmdBinary, directory);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** {@code amqp://127.0.0.1:PORT}, without credentials. */
    public URI amqpUrl() {
        return URI.create("amqp://127.0.0.1:" + amqpPort);
    }

    public int amqpPort() {
        return amqpPort;
    }

    /** The management API's base URL, {@code http://127.0.0.1:PORT}. */
    public URI managementUrl() {
        return URI.create("http://127.0.0.1:" + managementPort);
    }

    /**
     * The lines of the management plugin's access log (one line per HTTP request it served, without the
     * query string, e.g. {@code "GET /api/queues/%2F HTTP/1.1"}) that contain {@code fragment}.
     */
    public long accessCount(String fragment) throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("http-log"))) {
            long count = 0;
            for (Path file : files.toList()) {
                count += Files.readAllLines(file).stream().filter(line -> line.contains(fragment)).count();
            }
            return count;
        }
    }

    public Path logFile() {
        return directory.resolve("rabbitmq.out");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker (again) on the same ports and data; waits until the management API answers. */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        if (epmd == null || !epmd.isAlive()) {
            epmd = new ProcessBuilder(epmdBinary.toString(), "-port", Integer.toString(epmdPort))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("epmd.out").toFile()))
                    .start();
        }
        ProcessBuilder builder = new ProcessBuilder(script.toString())
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        var env = builder.environment();
        env.put("HOME", directory.toString());
        env.put("RABBITMQ_NODENAME", nodeName);
        env.put("RABBITMQ_MNESIA_BASE", directory.resolve("mnesia").toString());
        env.put("RABBITMQ_LOG_BASE", directory.resolve("log").toString());
        env.put("RABBITMQ_LOGS", "-");
        env.put("RABBITMQ_CONFIG_FILE", directory.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", directory.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_PID_FILE", directory.resolve("rabbitmq.pid").toString());
        env.put("RABBITMQ_DIST_PORT", Integer.toString(distributionPort));
        env.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
        process = builder.start();
        awaitReady();
    }

    /** Stops the broker (SIGTERM: a clean shutdown, about 2 s), keeping ports and data. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        // The script may run the Erlang VM as a child: make sure none of it outlives the stop.
        List<ProcessHandle> descendants = process.descendants().toList();
        LocalProcess.stop(process, 30);
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    /**
     * Calls the management API as {@link #USER}: {@code method} on {@code path} (e.g.
     * {@code /api/queues/%2F/jobs}) with a JSON {@code body} or {@code null}; returns the response body.
     *
     * @throws IOException if the call fails or answers with a status of 400 or more
     */
    public String api(String method, String path, String body) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(managementUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Declares a durable queue in {@code vhost} (which must exist). */
    public void declareQueue(String vhost, String queue) throws IOException {
        api("PUT", "/api/queues/" + encode(vhost) + "/" + encode(queue), "{\"durable\":true}");
    }

    /** Creates a vhost and gives {@link #USER} all rights in it. */
    public void declareVhost(String vhost) throws IOException {
        api("PUT", "/api/vhosts/" + encode(vhost), null);
        api("PUT", "/api/permissions/" + encode(vhost) + "/" + USER,
                "{\"configure\":\".*\",\"write\":\".*\",\"read\":\".*\"}");
    }

    /** Publishes {@code count} persistent messages to {@code queue} through the default exchange. */
    public void publish(String vhost, String queue, int count) throws IOException {
        String body = "{\"properties\":{\"delivery_mode\":2},\"routing_key\":\"" + queue
                + "\",\"payload\":\"m\",\"payload_encoding\":\"string\"}";
        for (int i = 0; i < count; i++) {
            api("POST", "/api/exchanges/" + encode(vhost) + "/amq.default/publish", body);
        }
    }

    /** Removes every message of {@code queue}. */
    public void purge(String vhost, String queue) throws IOException {
        api("DELETE", "/api/queues/" + encode(vhost) + "/" + encode(queue) + "/contents", null);
    }

    /** Waits until the management API reports {@code messages} messages in {@code queue}. */
    public void awaitMessages(String vhost, String queue, long messages) throws IOException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() - until < 0) {
            last = api("GET", "/api/queues/" + encode(vhost) + "/" + encode(queue) + "?columns=messages", null);
            if (last.matches("\\{\"messages\":" + messages + "}")) {
                return;
            }
            LocalProcess.sleep(100);
        }
        throw new IOException("queue " + queue + " did not report " + messages + " messages within 30 s: " + last);
    }

    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private void awaitReady() throws IOException {
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() - until < 0) {
            if (!process.isAlive()) {
                throw new IOException("rabbitmq-server exited with code " + process.exitValue() + " at start; log:\n"
                        + LocalProcess.tail(logFile()));
            }
            try {
                api("GET", "/api/overview?columns=node", null);
                return;
            } catch (IOException notYet) {
                // not listening yet
            }
            LocalProcess.sleep(200);
        }
        stop();
        throw new IOException("rabbitmq-server was not ready within " + READY_TIMEOUT + "; log:\n"
                + LocalProcess.tail(logFile()));
    }

    /** Stops the broker and its epmd and deletes the directory. */
    @Override
    public void close() {
        stop();
        LocalProcess.stop(epmd, 5);
        epmd = null;
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        LocalProcess.deleteRecursively(directory);
    }

    private synchronized void killNow() {
        for (Process running : List.of(Optional.ofNullable(process), Optional.ofNullable(epmd)).stream()
                .flatMap(Optional::stream).toList()) {
            running.destroyForcibly();
        }
    }
}
