package dev.scalerhost.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * A file naming the processes the demo started (the host, the broker's JVM, the postmaster), one
 * {@code pid marker} per line, where the marker is a path in that process's command line. If the
 * demo's JVM dies without running its shutdown hook, {@code ./demo} reads it and stops what is left,
 * checking the marker so that a reused pid is never hit. Removed after an orderly stop.
 */
final class ChildProcesses {

    private final Path file;

    ChildProcesses(Path file) {
        this.file = file;
    }

    /** Records the host and whatever of the broker and the database can be found running. */
    void record(HostProcess host, Path distribution, Backends backends) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(host.pid() + " " + distribution);
        String brokerDir = backends.broker().dataDir().toString();
        ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().map(c -> c.contains(brokerDir)).orElse(false))
                .forEach(p -> lines.add(p.pid() + " " + brokerDir));
        Path postgresDir = backends.postgres().dataDirectory();
        postmaster(postgresDir).ifPresent(pid -> lines.add(pid + " " + postgresDir));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LoggerFactory.getLogger(ChildProcesses.class).warn("cannot delete {}: {}", file, e.toString());
        }
    }

    private static Optional<Long> postmaster(Path dataDirectory) throws IOException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst()
                .map(String::trim).filter(line -> line.matches("\\d+")).map(Long::parseLong);
    }
}
