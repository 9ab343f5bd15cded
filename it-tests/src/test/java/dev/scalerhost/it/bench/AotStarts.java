package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.AotJdk;
import dev.scalerhost.it.harness.AotTraining;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The start-up benchmark's Java 25 variant: a copy of the distribution whose AOT cache
 * {@code bin/scalerhost-aot-cache} made, as the container image's build makes it, started with
 * {@code JAVA_HOME} on that Java and the launcher's defaults (which find the cache).
 */
final class AotStarts {

    private final Distribution distribution;
    private final MetricsEndpoint endpoint;
    private final Path jdk;

    private AotStarts(Distribution distribution, MetricsEndpoint endpoint, Path jdk) {
        this.distribution = distribution;
        this.endpoint = endpoint;
        this.jdk = jdk;
    }

    /** Makes the cache (timed, not part of the measured starts); empty, and says so, without a Java 25. */
    static Optional<AotStarts> prepare(Distribution distribution, MetricsEndpoint endpoint) {
        Optional<Path> jdk = AotJdk.find();
        if (jdk.isEmpty()) {
            System.out.println("No Java " + AotJdk.FIRST_FEATURE + "+ found (" + AotJdk.PROPERTY + ", " + AotJdk.ENV
                    + ", /usr/lib/jvm): the AOT cache row is left out");
            return Optional.empty();
        }
        Distribution copy = distribution.copy("bench-aot");
        long started = System.nanoTime();
        Path cache = AotTraining.run(copy, jdk.get(), copy.newWorkDirectory("bench-aot-tmp")).requireCache();
        System.out.printf(Locale.ROOT, "AOT cache for Java %s made by bin/scalerhost-aot-cache in %.0f s: %s%n",
                AotJdk.version(jdk.get()), (System.nanoTime() - started) / 1e9, cache);
        AotStarts starts = new AotStarts(copy, endpoint, jdk.get());
        // Like the CDS archive's first start: reads the new file once, so that no variant starts cold from disk.
        starts.timeToReady();
        return Optional.of(starts);
    }

    String javaVersion() {
        return "Java " + AotJdk.version(jdk);
    }

    StartSeries.Start timeToReady() {
        return StartupBenchmark.timeToReady(distribution, endpoint, Map.of("JAVA_HOME", jdk.toString()));
    }
}
