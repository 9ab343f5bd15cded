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
 * @param warning        what the reloads so far could not do cleanly, e.g. a busy source opened anew
 *                       or a {@code close()} that never returned; null if nothing; never holds a secret
 */
public record ReloadStatus(
        String file, Instant loadedAt, long reloads, Instant lastAttemptAt, String lastError,
        List<String> pendingRestart, String warning) {

    public ReloadStatus {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(loadedAt, "loadedAt");
        pendingRestart = List.copyOf(pendingRestart);
    }

    /** A status without a warning. */
    public ReloadStatus(String file, Instant loadedAt, long reloads, Instant lastAttemptAt, String lastError,
            List<String> pendingRestart) {
        this(file, loadedAt, reloads, lastAttemptAt, lastError, pendingRestart, null);
    }

    /** This status with {@code warning} in place of the previous one. */
    public ReloadStatus withWarning(String warning) {
        return new ReloadStatus(file, loadedAt, reloads, lastAttemptAt, lastError, pendingRestart, warning);
    }
}
