package dev.scalerhost.testservers;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Redis server (the {@code redis-server} binary, Debian package {@code redis-server}) on a free
 * loopback port, with its data (append-only file) in a temp dir, so {@link #stop()} and
 * {@link #start()} keep the port and the data. Optionally also a TLS port, from PEM files.
 *
 * <p>{@link #command(String...)} talks plain RESP to it over the non-TLS port as the {@code default}
 * user, for tests that set up data, ACL users or read {@code INFO commandstats}. The binary is
 * {@code $REDIS_SERVER_BINARY} or {@code redis-server} on the {@code PATH}.
 */
public final class RedisServer implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern COMMAND_CALLS = Pattern.compile("cmdstat_([a-z|]+):calls=(\\d+)");

    private final Path binary;
    private final Path directory;
    private final Path config;
    private final int port;
    private final int tlsPort;
    private final Thread killOnExit = new Thread(this::killNow, "redis-kill-on-exit");
    private Process process;

    private RedisServer(Path binary, Path directory, Tls tls) throws IOException {
        this.binary = binary;
        this.directory = directory;
        this.port = LocalProcess.freePort();
        this.tlsPort = tls == null ? 0 : LocalProcess.freePort();
        this.config = directory.resolve("redis.conf");
        StringBuilder conf = new StringBuilder()
                .append("bind 127.0.0.1\n")
                .append("port ").append(port).append('\n')
                .append("dir ").append(directory).append('\n')
                .append("save \"\"\n")
                .append("appendonly yes\n")
                .append("appendfsync always\n")
                .append("protected-mode no\n")
                .append("logfile ").append(logFile()).append('\n');
        if (tls != null) {
            conf.append("tls-port ").append(tlsPort).append('\n')
                    .append("tls-cert-file ").append(tls.certificate()).append('\n')
                    .append("tls-key-file ").append(tls.privateKey()).append('\n')
                    .append("tls-ca-cert-file ").append(tls.clientCa()).append('\n')
                    .append("tls-auth-clients ").append(tls.requireClientCertificates() ? "yes" : "no").append('\n');
        }
        Files.writeString(config, conf.toString());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * TLS files for {@link #started(Tls)}: the server's certificate chain and key, and the CA that client
     * certificates must chain to (also required by Redis when client certificates are optional).
     */
    public record Tls(Path certificate, Path privateKey, Path clientCa, boolean requireClientCertificates) {
        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(privateKey, "privateKey");
            Objects.requireNonNull(clientCa, "clientCa");
        }
    }

    /** The binary to run, if one is installed. */
    public static Optional<Path> binary() {
        return LocalProcess.binary("REDIS_SERVER_BINARY", "redis-server");
    }

    /** Starts Redis on a free port and waits until it answers {@code PING}. */
    public static RedisServer started() throws IOException {
        return launch(null);
    }

    /** Like {@link #started()}, with a TLS port beside the plain one. */
    public static RedisServer started(Tls tls) throws IOException {
        return launch(Objects.requireNonNull(tls, "tls"));
    }

    private static RedisServer launch(Tls tls) throws IOException {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "the redis-server binary is not installed: run 'apt-get install -y --no-install-recommends"
                        + " redis-server' or set REDIS_SERVER_BINARY"));
        Path directory = Files.createTempDirectory("redis-");
        RedisServer server;
        try {
            server = new RedisServer(binary, directory, tls);
        } catch (IOException | RuntimeException e) {
            LocalProcess.deleteRecursively(directory);
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

    /** {@code 127.0.0.1:PORT} of the plain port. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** {@code 127.0.0.1:PORT} of the TLS port. */
    public String tlsAddress() {
        if (tlsPort == 0) {
            throw new IllegalStateException("this server was started without TLS");
        }
        return "127.0.0.1:" + tlsPort;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return directory.resolve("redis.log");
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the process (again) with the same port and data; waits until it answers. */
    public synchronized void start() throws IOException {
        if (isRunning()) {
            return;
        }
        process = new ProcessBuilder(binary.toString(), config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("redis.out").toFile()))
                .start();
        long until = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() - until < 0) {
            if (!process.isAlive()) {
                throw new IOException("redis-server exited with code " + process.exitValue() + " at start; log:\n"
                        + LocalProcess.tail(logFile()) + "\n" + LocalProcess.tail(directory.resolve("redis.out")));
            }
            try {
                if ("PONG".equals(command("PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet, or still loading its data
            }
            LocalProcess.sleep(50);
        }
        stop();
        throw new IOException("redis-server was not ready within " + READY_TIMEOUT + "; log:\n"
                + LocalProcess.tail(logFile()));
    }

    /** Stops the process (SIGTERM: Redis flushes its append-only file), keeping port and data. */
    public synchronized void stop() {
        LocalProcess.stop(process, 10);
        process = null;
    }

    /**
     * Sends one command over a fresh plain connection and returns the reply: a simple or bulk string,
     * an integer as text, an array as its elements joined by newlines, or {@code null} for a nil reply.
     *
     * @throws IOException if Redis cannot be reached or answers with an error
     */
    public String command(String... arguments) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.UTF_8));
            for (String argument : arguments) {
                byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
                request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.UTF_8));
                request.writeBytes(bytes);
                request.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(request.toByteArray());
            out.flush();
            return reply(new BufferedInputStream(socket.getInputStream()));
        }
    }

    /** How often each command ran since start (or {@code CONFIG RESETSTAT}): {@code INFO commandstats}. */
    public long commandCalls(String command) throws IOException {
        Matcher matcher = COMMAND_CALLS.matcher(command("INFO", "commandstats"));
        while (matcher.find()) {
            if (matcher.group(1).equals(command.toLowerCase(java.util.Locale.ROOT))) {
                return Long.parseLong(matcher.group(2));
            }
        }
        return 0;
    }

    private static String reply(InputStream in) throws IOException {
        String line = line(in);
        char type = line.charAt(0);
        String rest = line.substring(1);
        switch (type) {
            case '+', ':':
                return rest;
            case '-':
                throw new IOException("Redis answered: " + rest);
            case '$': {
                int length = Integer.parseInt(rest);
                if (length < 0) {
                    return null;
                }
                byte[] bytes = in.readNBytes(length + 2);
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            case '*': {
                int count = Integer.parseInt(rest);
                if (count < 0) {
                    return null;
                }
                List<String> items = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    items.add(String.valueOf(reply(in)));
                }
                return String.join("\n", items);
            }
            default:
                throw new IOException("unexpected reply from Redis: " + line);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("Redis closed the connection");
            }
            if (previous == '\r' && next == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
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
        LocalProcess.deleteRecursively(directory);
    }

    private synchronized void killNow() {
        if (process != null) {
            process.destroyForcibly();
        }
    }
}
