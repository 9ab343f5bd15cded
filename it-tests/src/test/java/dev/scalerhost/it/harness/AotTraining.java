package dev.scalerhost.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/scalerhost-aot-cache} run against a distribution with a given Java, as the container
 * image's build runs it: the training run that writes the launcher's AOT cache.
 *
 * @param exitCode the script's exit code
 * @param output   what it printed, stdout and stderr together
 * @param cache    where the launcher looks for the cache of that Java by default
 */
public record AotTraining(int exitCode, String output, Path cache) {

    /** Far above the minute or two it takes on a busy 2-core machine. */
    public static final Duration TIMEOUT = Duration.ofMinutes(15);

    /**
     * Runs the script with {@code JAVA_HOME=javaHome} and {@code TMPDIR=tmp}; {@code arguments} are the
     * script's (none: the default cache file).
     */
    public static AotTraining run(Distribution distribution, Path javaHome, Path tmp, String... arguments) {
        Path script = distribution.home().resolve("bin").resolve("scalerhost-aot-cache");
        Path log = tmp.resolveSibling(tmp.getFileName() + ".training.log");
        ProcessBuilder builder = new ProcessBuilder(concat(script.toString(), arguments))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", javaHome.toString());
        builder.environment().put("TMPDIR", tmp.toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("bin/scalerhost-aot-cache still ran after " + TIMEOUT + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new AotTraining(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                    distribution.home().resolve("aot").resolve(AotJdk.cacheName(javaHome)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + script + " ran", e);
        }
    }

    /** The run's cache; fails with the script's output unless it exited 0 and wrote it. */
    public Path requireCache() {
        if (exitCode != 0 || !Files.isRegularFile(cache)) {
            throw new AssertionError("bin/scalerhost-aot-cache exited with " + exitCode + " and "
                    + (Files.isRegularFile(cache) ? "wrote " : "did not write ") + cache + ":\n" + output);
        }
        return cache;
    }

    private static List<String> concat(String first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all;
    }
}
