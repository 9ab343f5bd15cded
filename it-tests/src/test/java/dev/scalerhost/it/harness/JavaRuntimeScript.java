package dev.scalerhost.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code distribution/docker/java-runtime}, with which the container image's first build stage makes
 * the image's Java runtime (jlink), run here on a local JDK as that stage runs it on Temurin's JDK 25.
 */
public final class JavaRuntimeScript {

    /** The script's path in the image's build context, {@code distribution/}. */
    public static final String IN_BUILD_CONTEXT = "docker/java-runtime";
    /** Far above the few seconds jlink takes. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private JavaRuntimeScript() {
    }

    public static Path script() {
        return SourceTree.root().resolve("distribution").resolve(IN_BUILD_CONTEXT);
    }

    /**
     * Runs the script with {@code JAVA_HOME=jdk}, writing the runtime to {@code output} (which must not
     * exist); fails with the script's output unless it exits 0 with a {@code bin/java} there.
     */
    public static Path make(Path jdk, Path output) {
        Path log = output.resolveSibling(output.getFileName() + ".jlink.log");
        ProcessBuilder builder = new ProcessBuilder(script().toString(), output.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("JAVA_HOME", jdk.toString());
        try {
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(script() + " still ran after " + TIMEOUT + ":\n" + Files.readString(log));
            }
            String printed = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || !Files.isExecutable(output.resolve("bin").resolve("java"))) {
                throw new AssertionError(script() + " exited with " + process.exitValue() + " and wrote no "
                        + output.resolve("bin").resolve("java") + ":\n" + printed);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + script() + " ran", e);
        }
    }
}
