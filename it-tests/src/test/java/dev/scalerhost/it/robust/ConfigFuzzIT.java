package dev.scalerhost.it.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostLoader;
import dev.scalerhost.host.runtime.LoadedHost;
import dev.scalerhost.it.harness.Distribution;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Mutated versions of the shipped example configs either load or are refused with problems that each
 * name where they are (a key path or a line), never with an exception; through {@code bin/scalerhost
 * check}, a refused file exits with code 2 and the process never prints a stack trace.
 *
 * <p>The seed is printed and repeated in every failure; rerun one with {@code -Dfuzz.seed=N}.
 */
class ConfigFuzzIT {

    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int IN_PROCESS_MUTATIONS = Integer.getInteger("fuzz.configs", 300);
    private static final int CHECK_SAMPLES = Integer.getInteger("fuzz.checkSamples", 20);
    private static final List<String> EXAMPLES = List.of("lakerunner.yaml", "market-data-pipeline.yaml");
    /** Backends on a closed port: loading must not depend on them, and no other test's server gets traffic. */
    private static final Map<String, String> ENV = Map.of(
            "LAKERUNNER_DB_URL", "jdbc:postgresql://127.0.0.1:1/lakerunner",
            "LAKERUNNER_DB_PASSWORD", "fuzz-password",
            "PROMETHEUS_URL", "http://127.0.0.1:1");

    private final Distribution distribution = Distribution.unpacked();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void mutatedExampleConfigsLoadOrReportEveryProblemWithItsPlace() throws Exception {
        System.out.println("ConfigFuzzIT: seed " + SEED + " (rerun with -Dfuzz.seed=" + SEED + ")");
        ConfigMutator mutator = new ConfigMutator(SEED);
        Path work = distribution.newWorkDirectory("config-fuzz");
        HostLoader loader = new HostLoader(ENV::get, distribution.home(), Optional.empty(), new HostMetrics(),
                Clock.systemUTC(), scheduler);
        int loaded = 0;
        int refused = 0;
        for (int i = 0; i < IN_PROCESS_MUTATIONS; i++) {
            String example = EXAMPLES.get(i % EXAMPLES.size());
            String mutated = mutator.mutate(Files.readString(distribution.config().resolve(example)));
            Path file = work.resolve("mutation-" + i + ".yaml");
            Files.writeString(file, mutated, StandardCharsets.UTF_8);
            String context = "mutation " + i + " of " + example + " (seed " + SEED + "), file " + file;
            try (LoadedHost host = loader.load(file)) {
                loaded++;
                assertThat(host.serviceTypes()).as(context).isNotNull();
            } catch (ConfigException e) {
                refused++;
                assertThat(e.problems()).as(context).isNotEmpty();
                assertThat(e.getMessage()).as(context).startsWith(file.toString());
                for (ConfigProblem problem : e.problems()) {
                    // Only a problem of the whole file (it is empty, say) has neither a key path nor a line.
                    assertThat(!problem.path().isEmpty() || problem.line() > 0 || e.problems().size() == 1)
                            .as(context + ": problem without a path or line: " + problem.render())
                            .isTrue();
                    assertThat(problem.message()).as(context).isNotBlank().doesNotContain("\tat ");
                }
            } catch (RuntimeException | Error e) {
                throw new AssertionError(context + ": loading threw instead of reporting problems", e);
            }
        }
        System.out.printf("ConfigFuzzIT: %d mutations loaded, %d refused with located problems%n", loaded, refused);
        assertThat(refused).as("the mutations must reach the validation (seed " + SEED + ")").isPositive();
    }

    @Test
    void checkCommandExitsWithTwoAndNoStackTraceForARefusedFile() throws Exception {
        ConfigMutator mutator = new ConfigMutator(SEED + 1);
        Path work = distribution.newWorkDirectory("config-fuzz-check");
        List<Future<Integer>> codes = new ArrayList<>();
        // Two at a time: each sample is a JVM start, mostly single-threaded.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < CHECK_SAMPLES; i++) {
                String example = EXAMPLES.get(i % EXAMPLES.size());
                Path file = work.resolve("check-" + i + ".yaml");
                Files.writeString(file, mutator.mutate(Files.readString(distribution.config().resolve(example))),
                        StandardCharsets.UTF_8);
                String context = "check of mutation " + i + " of " + example + " (seed " + SEED + "), file " + file;
                codes.add(pool.submit(() -> check(file, context)));
            }
            List<Integer> outcomes = new ArrayList<>();
            for (Future<Integer> code : codes) {
                try {
                    outcomes.add(code.get(120, TimeUnit.SECONDS));
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof AssertionError failure ? failure : new AssertionError(e.getCause());
                }
            }
            System.out.println("ConfigFuzzIT: check exit codes " + outcomes);
            assertThat(outcomes).as("some samples must be refused (seed " + SEED + ")").contains(2);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code bin/scalerhost check} on {@code file}, asserts how it ended, and returns its exit code. */
    private int check(Path file, String context) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(distribution.launcher().toString(), "check", "--config",
                file.toString()).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(ENV);
        Process process = builder.start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String described = context + "\n--- output ---\n" + output;
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(described).isTrue();
            int code = process.exitValue();
            assertThat(code).as(described).isIn(0, 1, 2);
            assertThat(output).as(described).doesNotContain("\tat ", "Exception in thread", "uncaught failure");
            if (code == 2) {
                assertThat(output).as(described).contains(file.toString()).containsPattern("problems?\\n");
            }
            return code;
        } finally {
            process.destroyForcibly();
        }
    }
}
