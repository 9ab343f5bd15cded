package dev.scalerhost.testservers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Prometheus server (the {@code prometheus} binary, Debian package {@code prometheus}) scraping
 * the targets a test gives every second, on a free loopback port, with its TSDB in a temp dir.
 *
 * <p>{@link #stop()} and {@link #start()} keep the port and the data, so a test can take Prometheus
 * away and bring it back. {@link #close()} never leaves the process behind, and a shutdown hook
 * kills it if the JVM exits first. The binary is {@code $PROMETHEUS_BINARY} or {@code prometheus}
 * on the {@code PATH}. {@link #start(PrometheusTls, URI...)} serves its web endpoints over HTTPS.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern QUERY_VALUE = Pattern.compile("\"value\":\\[[^,\\]]+,\"([^\"]*)\"\\]");

    private final Path binary;
    private final Path directory;
    private final Path config;
    private final Optional<Path> webConfig;
    private final int port;
    private final int targetCount;
    private final HttpClient http;
    private final Thread killOnExit = new Thread(this::killNow, "prometheus-kill-on-exit");
    private Process process;

    private PrometheusServer(Path binary, Path directory, List<URI> targets, PrometheusTls tls) throws IOException {
        this.binary = binary;
        this.directory = directory;
        this.config = directory.resolve("prometheus.yml");
        this.port = freePort();
        this.targetCount = targets.size();
        Files.writeString(config, renderConfig(targets));
        HttpClient.Builder client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2));
        if (tls == null) {
            this.webConfig = Optional.empty();
        } else {
            this.webConfig = Optional.of(Files.writeString(directory.resolve("web.yml"), tls.webConfig()));
            client.sslContext(tls.clientContext());
        }
        this.http = client.build();
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** The binary to run, if one is installed. */
    public static Optional<Path> binary() {
        String configured = System.getenv("PROMETHEUS_BINARY");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String searchPath = Objects.requireNonNullElse(System.getenv("PATH"), "/usr/bin:/bin");
        return Stream.of(searchPath.split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts Prometheus scraping {@code targets} (full URLs such as {@code http://127.0.0.1:8000/metrics})
     * every second and waits until it answers {@code /-/ready}.
     */
    public static PrometheusServer start(URI... targets) throws IOException {
        return launch(null, targets);
    }

    /**
     * Like {@link #start(URI...)}, but Prometheus serves its API, {@code /metrics} and {@code /-/ready}
     * over HTTPS only, with {@code tls}; {@link #url()} is then {@code https://}.
     */
    public static PrometheusServer start(PrometheusTls tls, URI... targets) throws IOException {
        return launch(Objects.requireNonNull(tls, "tls"), targets);
    }

    private static PrometheusServer launch(PrometheusTls tls, URI... targets) throws IOException {
        if (targets.length == 0) {
            throw new IllegalArgumentException("at least one scrape target is required");
        }
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "the prometheus binary is not installed: run 'apt-get install -y --no-install-recommends prometheus'"
                        + " or set PROMETHEUS_BINARY"));
        Path directory = Files.createTempDirectory("prometheus-");
        PrometheusServer server;
        try {
            server = new PrometheusServer(binary, directory, List.of(targets), tls);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(directory);
            throw e;
        }
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:41234}, or {@code https://...} when started with TLS. */
    public URI url() {
        return URI.create((webConfig.isPresent() ? "https" : "http") + "://127.0.0.1:" + port);
    }

    /** The port; it stays the same across {@link #stop()} and {@link #start()}. */
    public int port() {
        return port;
    }

    /** Prometheus' own log (stdout and stderr). */
    public Path logFile() {
        return directory.resolve("prometheus.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the process (again) on the same port and data directory; waits until it is ready. */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(
                binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + directory.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=info"));
        webConfig.ifPresent(file -> command.add("--web.config.file=" + file));
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                .start();
        awaitReady();
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s); the port and the data stay. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops and starts again on the same port. */
    public void restart() throws IOException {
        stop();
        start();
    }

    /**
     * Waits until every target has been scraped successfully ({@code up == 1}); the first scrape lands
     * about 6 s after start.
     */
    public void awaitFirstScrape(Duration timeout) {
        long until = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() - until < 0) {
            Optional<String> value = queryValue("count(up == 1)");
            if (value.isPresent() && Double.parseDouble(value.get()) >= targetCount) {
                return;
            }
            last = value.map(v -> v + " of " + targetCount + " targets up").orElse("no target up yet");
            sleep(200);
        }
        throw new IllegalStateException("Prometheus did not scrape its targets within " + timeout + " (" + last
                + "); see " + logFile());
    }

    /**
     * The value of an instant query that returns one sample, e.g. {@code "1"}; empty if it returns
     * none or Prometheus does not answer.
     */
    public Optional<String> queryValue(String promql) {
        URI uri = URI.create(url() + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            Matcher matcher = QUERY_VALUE.matcher(response.body());
            return response.statusCode() == 200 && matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** Stops the process and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: the process is gone either way
        }
        deleteRecursively(directory);
    }

    private void awaitReady() throws IOException {
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(1)).build();
        while (System.nanoTime() - until < 0) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with code " + process.exitValue() + " at start; log:\n"
                        + tail(logFile()));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for prometheus", e);
            }
            sleep(100);
        }
        stop();
        throw new IOException("prometheus was not ready within " + READY_TIMEOUT + "; log:\n" + tail(logFile()));
    }

    private synchronized void killNow() {
        if (process != null) {
            process.destroyForcibly();
        }
    }

    private static String renderConfig(List<URI> targets) {
        StringBuilder yaml = new StringBuilder("""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                """);
        for (int i = 0; i < targets.size(); i++) {
            URI target = targets.get(i);
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/metrics" : target.getRawPath();
            int targetPort = target.getPort() > 0 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
            yaml.append("  - job_name: target-").append(i).append('\n')
                    .append("    scheme: ").append(target.getScheme()).append('\n')
                    .append("    metrics_path: '").append(path).append("'\n")
                    .append("    static_configs:\n")
                    .append("      - targets: ['").append(target.getHost()).append(':').append(targetPort).append("']\n");
        }
        return yaml.toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            List<Path> all = new ArrayList<>(paths.sorted(Comparator.reverseOrder()).toList());
            for (Path path : all) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Demo: a metrics endpoint with the market data pipeline's gauges and a Prometheus scraping it,
     * until the process is stopped. Prints both URLs.
     */
    public static void main(String[] args) throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start();
             PrometheusServer prometheus = PrometheusServer.start(endpoint.url())) {
            endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 1200, "source", "store_coordinator")
                    .set(MetricsEndpoint.BACKPRESSURE, 0, "provider", "ibkr")
                    .set(MetricsEndpoint.RATE_SCALE, 1.0, "provider", "ibkr");
            System.out.println("metrics endpoint: " + endpoint.url());
            System.out.println("prometheus:       " + prometheus.url());
            prometheus.awaitFirstScrape(Duration.ofSeconds(30));
            System.out.println("first scrape done; stop with Ctrl-C");
            Thread.currentThread().join();
        }
    }
}
