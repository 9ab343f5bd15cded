package dev.scalerhost.testservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a postmaster that {@code pg_ctl stop} left running, found through its data directory's
 * {@code postmaster.pid}, so a test run never leaves PostgreSQL processes behind.
 */
final class PostmasterReaper {

    private static final Logger log = LoggerFactory.getLogger(PostmasterReaper.class);

    private PostmasterReaper() {
    }

    static void reap(Path dataDirectory) {
        Optional<ProcessHandle> postmaster = postmaster(dataDirectory);
        if (postmaster.isEmpty()) {
            return;
        }
        ProcessHandle process = postmaster.get();
        log.warn("postmaster {} of {} still runs after pg_ctl stop; killing it", process.pid(), dataDirectory);
        List<ProcessHandle> backends = process.descendants().toList();
        process.destroy();
        if (!waitFor(process, 5)) {
            process.destroyForcibly();
            waitFor(process, 5);
        }
        backends.forEach(ProcessHandle::destroyForcibly);
    }

    private static Optional<ProcessHandle> postmaster(Path dataDirectory) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            List<String> lines = Files.exists(pidFile) ? Files.readAllLines(pidFile) : List.of();
            if (lines.isEmpty() || lines.get(0).isBlank()) {
                return Optional.empty();
            }
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        } catch (IOException | NumberFormatException e) {
            log.warn("cannot read {}: {}", pidFile, e.toString());
            return Optional.empty();
        }
    }

    private static boolean waitFor(ProcessHandle process, int seconds) {
        try {
            process.onExit().get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return false;
        }
    }
}
