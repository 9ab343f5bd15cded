package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.AotJdk;
import dev.scalerhost.it.harness.AotTraining;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JavaRuntimeScript;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The start-up benchmark's Java 25 variants: a copy of the distribution whose AOT cache
 * {@code bin/scalerhost-aot-cache} made, as the container image's build makes it, started with
 * {@code JAVA_HOME} on that Java and the launcher's defaults (which find the cache). The Java is either
 * the JDK itself or the container image's runtime, which {@code distribution/docker/java-runtime}
 * makes from it with jlink as the image's build does; the last variant keeps only the plugins the
 * goal names.
 */
final class AotStarts {

    /**
     * The plugins issue #17's start-up goal names ("with the three plugins loaded"); the distribution
     * ships seven. The goal's row starts with these alone, beside the rows with all seven.
     */
    static final List<String> GOAL_PLUGINS = List.of("kafka-lag", "postgres", "prometheus");

    private final Distribution distribution;
    private final MetricsEndpoint endpoint;
    private final Path java;
    private final String label;

    private AotStarts(Distribution distribution, MetricsEndpoint endpoint, Path java, String label) {
        this.distribution = distribution;
        this.endpoint = endpoint;
        this.java = java;
        this.label = label;
    }

    /**
     * The JDK's variant and the image runtime's, both with all plugins, then the image runtime's with
     * {@link #GOAL_PLUGINS} alone, in that order; empty, and says so, without a Java 25.
     */
    static List<AotStarts> prepare(Distribution distribution, MetricsEndpoint endpoint) {
        Optional<Path> jdk = AotJdk.find();
        if (jdk.isEmpty()) {
            System.out.println("No Java " + AotJdk.FIRST_FEATURE + "+ found (" + AotJdk.PROPERTY + ", " + AotJdk.ENV
                    + ", /usr/lib/jvm): the AOT cache rows are left out");
            return List.of();
        }
        String version = "Java " + AotJdk.version(jdk.get());
        AotStarts onJdk = train(distribution.copy("bench-aot"), endpoint, jdk.get(), version + " (JDK)");
        Distribution imageCopy = distribution.copy("bench-aot-image");
        long started = System.nanoTime();
        Path runtime = JavaRuntimeScript.make(jdk.get(), imageCopy.newWorkDirectory("bench-image-java").resolve("openjdk"));
        System.out.printf(Locale.ROOT, "The image's Java runtime made by %s in %.0f s: %s%n",
                JavaRuntimeScript.IN_BUILD_CONTEXT, (System.nanoTime() - started) / 1e9, runtime);
        AotStarts onImageRuntime = train(imageCopy, endpoint, runtime, version + " (image's jlink runtime)");
        Distribution goalCopy = distribution.copy("bench-aot-goal");
        keepOnly(goalCopy, GOAL_PLUGINS);
        AotStarts goal = train(goalCopy, endpoint, runtime, version + " (image's jlink runtime, the goal's "
                + GOAL_PLUGINS.size() + " plugins " + String.join(", ", GOAL_PLUGINS) + ")");
        return List.of(onJdk, onImageRuntime, goal);
    }

    /** Removes every plugin directory of {@code copy} but {@code names}. */
    private static void keepOnly(Distribution copy, List<String> names) {
        try (Stream<Path> directories = Files.list(copy.plugins())) {
            for (Path directory : directories.filter(d -> !names.contains(d.getFileName().toString())).toList()) {
                try (Stream<Path> tree = Files.walk(directory)) {
                    for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot trim the plugins of " + copy.home(), e);
        }
        for (String name : names) {
            if (!Files.isDirectory(copy.plugins().resolve(name))) {
                throw new IllegalStateException("the distribution has no plugin directory " + name);
            }
        }
    }

    /** Makes the cache (timed, not part of the measured starts) and starts once from it. */
    private static AotStarts train(Distribution copy, MetricsEndpoint endpoint, Path java, String label) {
        long started = System.nanoTime();
        Path cache = AotTraining.run(copy, java, copy.newWorkDirectory("bench-aot-tmp")).requireCache();
        System.out.printf(Locale.ROOT, "AOT cache for %s made by bin/scalerhost-aot-cache in %.0f s: %s%n",
                label, (System.nanoTime() - started) / 1e9, cache);
        AotStarts starts = new AotStarts(copy, endpoint, java, label);
        // Like the CDS archive's first start: reads the new file once, so that no variant starts cold from disk.
        starts.timeToReady();
        return starts;
    }

    String label() {
        return label;
    }

    StartSeries.Start timeToReady() {
        return StartupBenchmark.timeToReady(distribution, endpoint, Map.of("JAVA_HOME", java.toString()));
    }
}
