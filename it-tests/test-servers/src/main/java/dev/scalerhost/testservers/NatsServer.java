package dev.scalerhost.testservers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real NATS server with JetStream (the {@code nats-server} binary, Debian package {@code nats-server})
 * on free loopback ports (client and HTTP monitoring), its JetStream store in a temp dir, so
 * {@link #stop()} and {@link #start()} keep the ports, streams and consumers.
 *
 * <p>A minimal client for tests ({@link #request}, {@link #addStream}, {@link #addConsumer},
 * {@link #publish}, {@link #pull}) speaks the NATS text protocol to the JetStream API, so tests need
 * no NATS library. {@link #monitoringRequests(String)} reads the server's own count of monitoring
 * requests ({@code /varz} {@code http_req_stats}). The binary is {@code $NATS_SERVER_BINARY} or
 * {@code nats-server} on the {@code PATH}.
 */
public final class NatsServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

    private final Path binary;
    private final Path directory;
    private final int port;
    private final int monitoringPort;
    private final String name;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Thread killOnExit = new Thread(this::killNow, "nats-kill-on-exit");
    private Process process;

    private NatsServer(Path binary, Path directory) throws IOException {
        this.binary = binary;
        this.directory = directory;
        this.port = LocalProcess.freePort();
        this.monitoringPort = LocalProcess.freePort();
        this.name = "scalerhost-test-" + port;
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    public static Optional<Path> binary() {
        return LocalProcess.binary("NATS_SERVER_BINARY", "nats-server");
    }

    /** Starts nats-server with JetStream and waits until its monitoring endpoint answers. */
    public static NatsServer started() throws IOException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "the nats-server binary is not installed: run 'apt-get install -y --no-install-recommends nats-server'"
                        + " or set NATS_SERVER_BINARY"));
        Path directory = Files.createTempDirectory("nats-");
        NatsServer server = new NatsServer(binary, directory);
        try {
            server.start();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** The monitoring endpoint as KEDA's {@code natsServerMonitoringEndpoint} names it: {@code 127.0.0.1:PORT}. */
    public String monitoringEndpoint() {
        return "127.0.0.1:" + monitoringPort;
    }

    public URI monitoringUrl() {
        return URI.create("http://" + monitoringEndpoint());
    }

    /** The server's name ({@code server_name}), which a clustered consumer names as its leader. */
    public String serverName() {
        return name;
    }

    public int port() {
        return port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        process = new ProcessBuilder(binary.toString(), "-a", "127.0.0.1", "-p", Integer.toString(port),
                "-m", Integer.toString(monitoringPort), "-js", "-sd", directory.resolve("store").toString(),
                "-n", name)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("nats.out").toFile()))
                .start();
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() - until < 0) {
            if (!process.isAlive()) {
                throw new IOException("nats-server exited with code " + process.exitValue() + " at start; log:\n"
                        + LocalProcess.tail(directory.resolve("nats.out")));
            }
            try {
                if (monitoring("/healthz?js-enabled-only=true").contains("ok")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            LocalProcess.sleep(50);
        }
        stop();
        throw new IOException("nats-server was not ready within " + READY_TIMEOUT);
    }

    public synchronized void stop() {
        LocalProcess.stop(process, 10);
        process = null;
    }

    /** GET on the monitoring port, e.g. {@code /jsz?consumers=true}; the body. */
    public String monitoring(String pathAndQuery) throws IOException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(monitoringUrl() + pathAndQuery))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** How many requests the server's monitoring endpoint {@code path} (e.g. {@code /jsz}) has served. */
    public long monitoringRequests(String path) throws IOException {
        Matcher matcher = Pattern.compile("\"" + Pattern.quote(path) + "\":\\s*(\\d+)").matcher(monitoring("/varz"));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    /** Creates a file-backed stream on {@code subjects}. */
    public void addStream(String stream, String... subjects) throws IOException {
        String list = String.join("\",\"", subjects);
        expectNoError(request("$JS.API.STREAM.CREATE." + stream,
                "{\"name\":\"" + stream + "\",\"subjects\":[\"" + list + "\"],\"storage\":\"file\"}", 1).get(0));
    }

    /** Creates a durable pull consumer with explicit acks. */
    public void addConsumer(String stream, String consumer) throws IOException {
        expectNoError(request("$JS.API.CONSUMER.DURABLE.CREATE." + stream + "." + consumer,
                "{\"stream_name\":\"" + stream + "\",\"config\":{\"durable_name\":\"" + consumer
                        + "\",\"ack_policy\":\"explicit\",\"ack_wait\":3600000000000}}", 1).get(0));
    }

    /** Publishes {@code count} messages to {@code subject}, each acknowledged by JetStream. */
    public void publish(String subject, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            expectNoError(request(subject, "m" + i, 1).get(0));
        }
    }

    /** Fetches {@code count} messages for a pull consumer without acknowledging them (they become ack pending). */
    public void pull(String stream, String consumer, int count) throws IOException {
        List<String> messages = request("$JS.API.CONSUMER.MSG.NEXT." + stream + "." + consumer,
                "{\"batch\":" + count + ",\"expires\":2000000000}", count);
        if (messages.size() != count) {
            throw new IOException("pulled " + messages.size() + " of " + count + " messages");
        }
    }

    /** Sends {@code payload} to {@code subject} and collects {@code replies} replies (5 s at most). */
    public List<String> request(String subject, String payload, int replies) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            line(in);
            byte[] body = payload.getBytes(StandardCharsets.UTF_8);
            String inbox = "_INBOX.scalerhost." + System.nanoTime();
            out.write(("CONNECT {\"verbose\":false,\"pedantic\":false,\"headers\":false}\r\nSUB " + inbox + " 1\r\nPUB "
                    + subject + " " + inbox + " " + body.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> received = new ArrayList<>();
            while (received.size() < replies) {
                String line = line(in);
                if (line.startsWith("PING")) {
                    out.write("PONG\r\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } else if (line.startsWith("MSG ")) {
                    String[] parts = line.split(" ");
                    int length = Integer.parseInt(parts[parts.length - 1]);
                    byte[] bytes = in.readNBytes(length + 2);
                    received.add(new String(bytes, 0, length, StandardCharsets.UTF_8));
                } else if (line.startsWith("-ERR")) {
                    throw new IOException("NATS answered " + line);
                }
            }
            return received;
        }
    }

    private static void expectNoError(String reply) throws IOException {
        if (reply.contains("\"error\"")) {
            throw new IOException("JetStream answered " + reply);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("NATS closed the connection");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        LocalProcess.deleteRecursively(directory);
    }

    private synchronized void killNow() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
