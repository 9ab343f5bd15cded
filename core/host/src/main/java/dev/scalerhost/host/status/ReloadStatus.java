package dev.scalerhost.host.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How the configuration file was last loaded, for {@code /status}.
 *
 * @param file           the configuration file the host watches
 * @param loadedAt       when the configuration now served was loaded (at start or by a reload)
 * @param reloads        how many reloads succeeded since the start
 * @param lastAttemptAt  when the file was last loaded again, successfully or not; null if never
 * @param lastError      the problems of the last attempt if it failed (the old configuration still
 *                       serves), else null; never holds a secret
 * @param pendingRestart settings that changed in the file but take effect only after a restart,
 *                       e.g. {@code server.grpc}
 */
public record ReloadStatus(
        String file, Instant loadedAt, long reloads, Instant lastAttemptAt, String lastError,
        List<String> pendingRestart) {

    public ReloadStatus {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(loadedAt, "loadedAt");
        pendingRestart = List.copyOf(pendingRestart);
    }
}
