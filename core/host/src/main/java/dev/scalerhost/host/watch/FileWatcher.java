package dev.scalerhost.host.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when files change by polling a digest of their content. Polling the content, rather than
 * a {@code WatchService} or modification times, sees every way Kubernetes and cert-manager replace
 * mounted files: a ConfigMap or Secret volume swaps a {@code ..data} symlink to a new directory,
 * which changes no watched directory entry and keeps old timestamps.
 *
 * <p>A file that cannot be read counts as a content of its own, so a file that disappears, and
 * comes back, is a change too. The listener runs on the polling thread; after it runs, the new
 * content is the baseline, so a change that the listener rejects is not retried until the files
 * change again.
 */
public final class FileWatcher {

    private static final Logger log = LoggerFactory.getLogger(FileWatcher.class);

    private final List<Path> files;
    private final Runnable onChange;
    private List<String> baseline;

    /**
     * @param files    the files to watch, read through symlinks
     * @param onChange what to do when any of them changed; it must not throw
     */
    public FileWatcher(List<Path> files, Runnable onChange) {
        this.files = List.copyOf(files);
        this.onChange = Objects.requireNonNull(onChange, "onChange");
        this.baseline = digests();
    }

    /** Polls every {@code interval} on {@code executor}, until the executor is shut down. */
    public void start(ScheduledExecutorService executor, Duration interval) {
        long millis = interval.toMillis();
        executor.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Checks now; runs the listener and returns true if any file changed since the last check. */
    public synchronized boolean poll() {
        List<String> now = digests();
        if (now.equals(baseline)) {
            return false;
        }
        baseline = now;
        try {
            onChange.run();
        } catch (RuntimeException e) {
            log.error("handling a change of {} failed: {}", files, e.toString(), e);
        }
        return true;
    }

    private List<String> digests() {
        List<String> digests = new ArrayList<>(files.size());
        for (Path file : files) {
            digests.add(digest(file));
        }
        return digests;
    }

    /** A digest of the file's content, or a marker of why it cannot be read. */
    static String digest(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return "missing";
        } catch (IOException e) {
            return "unreadable: " + e.getClass().getSimpleName();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
