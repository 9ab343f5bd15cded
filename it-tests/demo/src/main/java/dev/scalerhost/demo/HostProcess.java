package dev.scalerhost.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The built distribution running as a child process: {@code bin/scalerhost run --config FILE}, its
 * output in a log file. {@link #close()} is the host's own graceful path (SIGTERM, then wait) and kills
 * the process tree only if that takes too long.
 */
final class HostProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);
    private static final int TAIL_LINES = 30;

    private final Process process;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private HostProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code distribution/bin/scalerhost run --config config} with {@code environment} added. */
    static HostProcess start(Path distribution, Path config, Map<String, String> environment, Path logFile)
            throws IOException {
        Path launcher = distribution.resolve("bin").resolve("scalerhost");
        if (!Files.isExecutable(launcher)) {
            throw new IOException(launcher + " is missing or not executable: build the distribution with ./demo "
                    + "(or ./mvnw package -DskipTests -pl it-tests/demo -am)");
        }
        Files.createDirectories(logFile.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of(launcher.toString(), "run", "--config", config.toString()))
                .directory(distribution.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()));
        builder.environment().putAll(environment);
        return new HostProcess(builder.start(), logFile);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path logFile() {
        return logFile;
    }

    /**
     * Waits until {@code readyz} answers 200.
     *
     * @throws IOException if the host exits first or is not ready in time; the message carries the log's tail
     */
    void awaitReady(URI readyz, Duration timeout) throws IOException, InterruptedException {
        Objects.requireNonNull(readyz, "readyz");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("scalerhost exited with code " + process.exitValue()
                        + " before it was ready. Its log (" + logFile + ") ends with:\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(readyz)
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = response.statusCode() + " " + response.body().strip();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IOException("scalerhost was not ready within " + timeout.toSeconds() + " s (last " + readyz
                + ": " + last + "). Its log (" + logFile + ") ends with:\n" + logTail());
    }

    /** The last lines the host wrote. */
    String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + logFile + ": " + e + ")";
        }
    }

    /** SIGTERM and a wait for the host's orderly stop; the whole tree is killed after 15 s. */
    @Override
    public void close() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }
}
