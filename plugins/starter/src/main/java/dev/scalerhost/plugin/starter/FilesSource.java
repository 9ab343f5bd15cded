package dev.scalerhost.plugin.starter;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceMetrics;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.PatternSyntaxException;

/**
 * The directories under one root. A batch lists each distinct directory once and counts every
 * binding's glob in that one pass; a directory that cannot be read fails only its own bindings.
 */
final class FilesSource implements MetricSource {

    /** How many entries are read between two looks at the deadline. */
    private static final int DEADLINE_CHECK_EVERY = 1_000;

    private final Path root;
    private final SourceMetrics metrics;

    FilesSource(Path root, SourceMetrics metrics) {
        this.root = root;
        this.metrics = metrics;
    }

    @Override
    public Metric prepare(Settings params) {
        Path directory = directory(params);
        String glob = params.string("glob", "*");
        PathMatcher matcher = null;
        try {
            matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            params.problem("glob", "'" + glob + "' is not a valid glob: " + e.getDescription()
                    + "; examples: *.csv, batch-??.json, *.{csv,tsv}");
        }
        return params.hasProblems() ? null : new FileCount(directory, glob, matcher);
    }

    private Path directory(Settings params) {
        String text = params.string("directory");
        if (text == null) {
            return null;
        }
        try {
            Path relative = Path.of(text);
            Path resolved = root.resolve(relative).normalize();
            if (relative.isAbsolute() || !resolved.startsWith(root)) {
                params.problem("directory", "must be a path inside root " + root + ", got '" + text + "'");
                return null;
            }
            return resolved;
        } catch (InvalidPathException e) {
            params.problem("directory", "is not a valid path: " + e.getReason());
            return null;
        }
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) {
        Map<Path, List<FileCount>> byDirectory = new LinkedHashMap<>();
        for (Metric metric : batch) {
            FileCount count = (FileCount) metric;
            byDirectory.computeIfAbsent(count.directory(), any -> new ArrayList<>()).add(count);
        }
        Map<Metric, Reading> readings = new HashMap<>();
        byDirectory.forEach((directory, counts) -> {
            long start = System.nanoTime();
            try {
                long[] found = count(directory, counts, deadline);
                for (int i = 0; i < counts.size(); i++) {
                    readings.put(counts.get(i), Reading.of(found[i]));
                }
            } catch (IOException e) {
                metrics.count("listing_errors_total", 1, "cause", e.getClass().getSimpleName());
                Reading failure = Reading.failure(describe(directory, e));
                counts.forEach(count -> readings.put(count, failure));
            } finally {
                metrics.time("listing_duration_seconds", Duration.ofNanos(System.nanoTime() - start));
            }
        });
        return readings;
    }

    /** Counts the matches of every binding in one pass over {@code directory}. */
    private static long[] count(Path directory, List<FileCount> counts, Deadline deadline) throws IOException {
        long[] found = new long[counts.size()];
        int entries = 0;
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                if (++entries % DEADLINE_CHECK_EVERY == 0 && deadline.isExpired()) {
                    throw new IOException("listing was not finished before the measurement deadline after "
                            + entries + " entries");
                }
                if (!Files.isRegularFile(entry)) {
                    continue;
                }
                Path name = entry.getFileName();
                for (int i = 0; i < counts.size(); i++) {
                    if (counts.get(i).matcher().matches(name)) {
                        found[i]++;
                    }
                }
            }
        }
        return found;
    }

    private static String describe(Path directory, IOException e) {
        if (e instanceof NoSuchFileException) {
            return "directory " + directory + " does not exist; create it or fix the binding's directory";
        }
        if (e instanceof NotDirectoryException) {
            return directory + " is a file, not a directory";
        }
        if (e instanceof AccessDeniedException) {
            return "directory " + directory + " cannot be read: permission denied for the host's user";
        }
        return "directory " + directory + " could not be listed: " + e.getMessage();
    }

    @Override
    public String describe() {
        return root.toString();
    }

    @Override
    public void close() {
        // Nothing is held between measurements: every listing closes its own directory stream.
    }
}
