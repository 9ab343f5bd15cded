package dev.scalerhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Prometheus' own linter, {@code promtool check metrics}. It comes with Debian's {@code prometheus}
 * package, which {@code .ci/run} installs; only a machine without it and outside CI skips the test.
 */
public final class Promtool {

    private Promtool() {
    }

    /** promtool on PATH; skips the calling test if it is missing, unless {@code CI=true}. */
    public static Path require() {
        Path promtool = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(promtool).as("promtool on PATH (apt-get install prometheus)").isNotNull();
        }
        assertThat(promtool).as("promtool on PATH; .ci/run installs Debian's prometheus package").isNotNull();
        return promtool;
    }

    /** Asserts that promtool finds neither an error nor a warning in {@code exposition}. */
    public static void assertClean(byte[] exposition) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(require().toString(), "check", "metrics").redirectErrorStream(true).start();
        process.getOutputStream().write(exposition);
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool said: %s", output).isZero();
        assertThat(output).as("promtool's warnings").isEmpty();
    }
}
