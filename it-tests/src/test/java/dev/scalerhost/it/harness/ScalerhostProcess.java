package dev.scalerhost.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The built distribution running as a child process: {@code bin/scalerhost run --config FILE}.
 *
 * <p>The config text may use {@code @GRPC_PORT@}, {@code @HTTP_PORT@} (free ports chosen for this
 * process), {@code @PLUGINS_DIR@} (the distribution's {@code plugins/}) and {@code @WORK_DIR@};
 * {@link #serverSection()} gives the usual head of such a file. Output (stdout and stderr) goes to
 * {@code scalerhost.log} in the process's own work directory, and every failure message carries
 * its tail. Use it in try-with-resources: {@link #close()} kills a process that a failed test left
 * running, {@link #stop()} is the graceful path that asserts a clean exit. A JVM shutdown hook
 * kills whatever is still running when the test JVM ends.
 */
public final class ScalerhostProcess implements AutoCloseable {

    public static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int TAIL_LINES = 80;
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(ScalerhostProcess::killTree),
                "scalerhost-it-reaper"));
    }

    private final Process process;
    private final Path workDir;
    private final ConfigWriter config;
    private final Path logFile;
    private final int grpcPort;
    private final int httpPort;

    ScalerhostProcess(Process process, Path workDir, ConfigWriter config, Path logFile, int grpcPort, int httpPort) {
        this.process = process;
        this.workDir = workDir;
        this.config = config;
        this.logFile = logFile;
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
        LIVE.add(process);
    }

    public static ScalerhostProcessBuilder builder(Distribution distribution) {
        return new ScalerhostProcessBuilder(distribution);
    }

    /** The listeners on 127.0.0.1 at this process's ports, and the distribution's plugins. */
    public static String serverSection() {
        return """
                server:
                  grpc: {host: 127.0.0.1, port: @GRPC_PORT@}
                  http: {host: 127.0.0.1, port: @HTTP_PORT@}
                plugins: {directory: "@PLUGINS_DIR@"}
                """;
    }

    public int grpcPort() {
        return grpcPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path workDir() {
        return workDir;
    }

    public Path configFile() {
        return config.file();
    }

    /**
     * Replaces the config file's content (same tokens as the first one): atomically, or with a
     * kubelet-style symlink swap if the builder asked for {@code configMapVolume()}.
     */
    public void updateConfig(String yaml) {
        config.write(yaml);
    }

    /** Sends a signal, e.g. {@code "HUP"}, to the host (the launcher execs the JVM, so it is this pid). */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw failure("kill -" + name + " " + process.pid() + " failed with " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** GET on this process's HTTP port. */
    public Http.Reply http(String path) {
        return Http.get(httpPort, path);
    }

    /** Everything the process wrote so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + logFile, e);
        }
    }

    /** The last lines the process wrote, for failure messages. */
    public String logTail() {
        List<String> lines = log().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }

    /** Waits until {@code /readyz} answers 200; fails early if the process exits, and with the log tail. */
    public ScalerhostProcess awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw failure("scalerhost exited with code " + process.exitValue() + " before it was ready");
            }
            try {
                Http.Reply reply = http("/readyz");
                if (reply.status() == 200) {
                    return this;
                }
                last = reply.status() + " " + reply.body().strip();
            } catch (UncheckedIOException e) {
                last = e.getCause().toString();
            }
            sleep(100);
        }
        throw failure("scalerhost was not ready within " + timeout + "; last /readyz: " + last);
    }

    /** Waits for the process to end by itself (e.g. a start that must fail) and returns its exit code. */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            killTree(process);
            throw failure("scalerhost was expected to exit but still ran after " + timeout + "; killed it");
        }
        LIVE.remove(process);
        return process.exitValue();
    }

    /** SIGTERM, then asserts that the process exits with code 0 within the default bound. */
    public void stop() {
        stop(DEFAULT_STOP_TIMEOUT);
    }

    /** SIGTERM, then asserts that the process exits with code 0 within {@code bound}; returns how long it took. */
    public Duration stop(Duration bound) {
        long start = System.nanoTime();
        process.destroy();
        if (!waitFor(bound)) {
            killTree(process);
            throw failure("scalerhost did not exit within " + bound + " of SIGTERM; killed it");
        }
        LIVE.remove(process);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (process.exitValue() != 0) {
            throw failure("scalerhost exited with code " + process.exitValue() + " after SIGTERM, expected 0");
        }
        return took;
    }

    /** SIGKILL, no questions asked. */
    public void kill() {
        killTree(process);
        LIVE.remove(process);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** An assertion failure whose message ends with the log tail. */
    public AssertionError failure(String message) {
        return new AssertionError(message + "\n--- " + logFile + " (last " + TAIL_LINES + " lines) ---\n" + logTail());
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killTree(process);
            throw new IllegalStateException("interrupted while waiting for scalerhost; killed it", e);
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
}
