package dev.scalerhost.aot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training run that creates the host's AOT cache (JEP 483/514, Java 25+): starts
 * {@code bin/scalerhost run} with {@code -XX:AOTCacheOutput}, serves its sources, sends it RPCs and
 * HTTP requests until it has done what a pod does in its first minutes, and stops it with SIGTERM;
 * the JVM then writes the cache as it exits. Called by {@code bin/scalerhost-aot-cache}:
 *
 * <pre>TrainingRun --home DIR --work DIR [--output FILE] [--rounds N]</pre>
 *
 * <p>The cache goes to a temporary name beside {@code --output} and is renamed when complete, so a
 * launcher never picks up half a file. Exit codes: 0 done, 1 the run failed, 2 wrong arguments or Java.
 */
public final class TrainingRun {

    static final int FIRST_CACHE_JAVA = 25;
    static final String PROFILES_VARIABLE = "SCALERHOST_AOT_PROFILES";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(10);
    private static final int LOG_TAIL_LINES = 60;

    private final Path home;
    private final Path work;
    private final Path output;
    private final int rounds;

    private TrainingRun(Path home, Path work, Path output, int rounds) {
        this.home = home;
        this.work = work;
        this.output = output;
        this.rounds = rounds;
    }

    public static void main(String[] args) {
        if (Runtime.version().feature() < FIRST_CACHE_JAVA) {
            System.err.println("scalerhost-aot-cache: " + javaHome() + " is Java " + Runtime.version()
                    + "; creating an AOT cache needs Java " + FIRST_CACHE_JAVA + " or newer (set JAVA_HOME)");
            System.exit(2);
        }
        TrainingRun run;
        try {
            run = parse(args);
            profileOptions(System.getenv(PROFILES_VARIABLE));
        } catch (IllegalArgumentException e) {
            System.err.println("scalerhost-aot-cache: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            run.run();
        } catch (TrainingFailure e) {
            System.err.println("scalerhost-aot-cache: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("scalerhost-aot-cache: the training run failed: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("scalerhost-aot-cache: interrupted");
            System.exit(1);
        }
    }

    /** The cache the launcher looks for by default: {@code aot/scalerhost-java<java.version>.aot} in the home. */
    static Path defaultOutput(Path home) {
        return home.resolve("aot").resolve("scalerhost-java" + System.getProperty("java.version") + ".aot");
    }

    private static TrainingRun parse(String[] args) {
        Path home = null;
        Path work = null;
        Path output = null;
        int rounds = 20;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--home" -> home = Path.of(value).toAbsolutePath();
                case "--work" -> work = Path.of(value).toAbsolutePath();
                case "--output" -> output = Path.of(value).toAbsolutePath();
                case "--rounds" -> rounds = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + "; use --home DIR --work DIR [--output FILE] [--rounds N]");
            }
        }
        if (home == null || work == null) {
            throw new IllegalArgumentException("--home and --work are required");
        }
        return new TrainingRun(home, work, output == null ? defaultOutput(home) : output, rounds);
    }

    private void run() throws IOException, InterruptedException {
        Files.createDirectories(output.getParent());
        Path creating = output.resolveSibling(output.getFileName() + ".creating");
        Files.deleteIfExists(creating);
        Path config = work.resolve("training.yaml");
        Path log = work.resolve("host.log");
        List<Integer> ports = freePorts(3);
        try (TrainingBackend backend = TrainingBackend.start()) {
            Files.writeString(config, TrainingConfig.yaml(ports.get(0), ports.get(1), home.resolve("plugins"),
                    backend.url(), ports.get(2)), StandardCharsets.UTF_8);
            System.out.println("Training run: " + home.resolve("bin").resolve("scalerhost") + " on Java "
                    + Runtime.version() + ", log in " + log);
            Process host = launch(config, log, creating);
            try {
                awaitReady(host, ports.get(1), log);
                TrainingTraffic traffic = new TrainingTraffic(ports.get(0), ports.get(1));
                traffic.send(TrainingConfig.SERVICE_TYPES, rounds);
                System.out.println("Sent " + traffic.summary() + "; stopping the host, which writes the cache");
                host.destroy();
                if (!host.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new TrainingFailure("the host did not exit within " + EXIT_TIMEOUT
                            + " of SIGTERM while writing the cache", log);
                }
                if (host.exitValue() != 0) {
                    throw new TrainingFailure("the host exited with code " + host.exitValue() + " after SIGTERM", log);
                }
            } finally {
                host.destroyForcibly();
            }
        }
        if (!Files.isRegularFile(creating) || Files.size(creating) == 0) {
            throw new TrainingFailure("the JVM wrote no AOT cache to " + creating, log);
        }
        Files.move(creating, output, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("AOT cache written: %s (%d MiB)%n", output, Files.size(output) >> 20);
    }

    private Process launch(Path config, Path log, Path cache) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("scalerhost").toString(),
                "run", "--config", config.toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Map<String, String> env = builder.environment();
        env.put("JAVA_HOME", javaHome());
        // The cache is made without any other archive, and with the options a production start uses.
        env.put("SCALERHOST_AOT", "off");
        env.put("SCALERHOST_CDS", "off");
        String options = env.getOrDefault("SCALERHOST_JAVA_OPTS", "");
        env.put("SCALERHOST_JAVA_OPTS", (profileOptions(env.get(PROFILES_VARIABLE)) + " " + options
                + " -XX:AOTCacheOutput=" + cache).strip());
        return builder.start();
    }

    /**
     * Without method profiles unless {@value #PROFILES_VARIABLE} is {@code on}: replaying them made
     * every start compile the training run's hot methods while it got ready, 9 % more CPU and 6 % more
     * time to ready (docs/benchmarks.md), and the host's default JIT (C1 only) makes no use of them.
     * A user's SCALERHOST_JAVA_OPTS come after, so they can still turn profiles on.
     */
    static String profileOptions(String profiles) {
        if (profiles == null || profiles.isBlank() || profiles.strip().equalsIgnoreCase("off")) {
            return "-XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining";
        }
        if (profiles.strip().equalsIgnoreCase("on")) {
            return "";
        }
        throw new IllegalArgumentException(PROFILES_VARIABLE + " is '" + profiles + "'; use on or off");
    }

    private static void awaitReady(Process host, int httpPort, Path log) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readyz = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/readyz"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!host.isAlive()) {
                throw new TrainingFailure("the host exited with code " + host.exitValue() + " before it was ready", log);
            }
            try {
                if (client.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // The HTTP port opens during start-up; keep asking.
            }
            Thread.sleep(100);
        }
        throw new TrainingFailure("the host was not ready within " + READY_TIMEOUT, log);
    }

    /** Ports free right now on 127.0.0.1; the last one is left closed on purpose for the unreachable sources. */
    private static List<Integer> freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                sockets.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static String javaHome() {
        return System.getProperty("java.home");
    }

    /** A failed training run, with the end of the host's log in its message. */
    private static final class TrainingFailure extends RuntimeException {

        TrainingFailure(String message, Path log) {
            super(message + "; the end of the host's log (" + log + "):\n" + tail(log));
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
            } catch (IOException e) {
                return "(cannot read it: " + e.getMessage() + ")";
            }
        }
    }
}
