package dev.scalerhost.host.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one configuration file, so that all of them are reported at once.
 * Safe for concurrent use (plugins may be prepared in parallel). Identical problems count once.
 */
public final class Problems {

    private static final Comparator<ConfigProblem> FILE_ORDER =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final Set<ConfigProblem> problems = new LinkedHashSet<>();

    public synchronized void add(ConfigProblem problem) {
        problems.add(problem);
    }

    public void add(String path, Location location, String message) {
        add(new ConfigProblem(path, location, message));
    }

    public synchronized boolean isEmpty() {
        return problems.isEmpty();
    }

    /** The problems so far in file order; those without a line first, in the order recorded. */
    public synchronized List<ConfigProblem> list() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(FILE_ORDER);
        return List.copyOf(sorted);
    }

    /** Whether a problem was recorded at {@code path} or anywhere below it. */
    public synchronized boolean anyAtOrBelow(String path) {
        if (path.isEmpty()) {
            return !problems.isEmpty();
        }
        return problems.stream().map(ConfigProblem::path).anyMatch(p -> p.equals(path)
                || p.startsWith(path + ".") || p.startsWith(path + "["));
    }

    /**
     * Reports every key of {@code document}'s plugin settings that nothing read. Call it after the
     * plugins opened their sources and prepared their serviceTypes.
     */
    public void addUnknownKeys(ConfigDocument document) {
        document.pluginSettings().forEach(NodeSettings::reportUnknownKeys);
    }

    /** Throws a {@link ConfigException} listing every problem, if there is any. */
    public void throwIfAny(Path file) throws ConfigException {
        throwIfAny(file.toString());
    }

    public void throwIfAny(String file) throws ConfigException {
        List<ConfigProblem> all = list();
        if (!all.isEmpty()) {
            throw new ConfigException(file, all);
        }
    }
}
