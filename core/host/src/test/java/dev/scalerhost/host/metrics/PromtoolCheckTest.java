package dev.scalerhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Prometheus' own linter accepts what {@code /metrics} writes. promtool comes with Debian's
 * {@code prometheus} package, which {@code .ci/run} installs; only a machine without it and
 * outside CI skips this.
 */
class PromtoolCheckTest {

    private static Path promtool() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        Path promtool = promtool();
        if (!"true".equals(System.getenv("CI"))) {
            assumeThat(promtool).as("promtool on PATH (apt-get install prometheus)").isNotNull();
        }
        assertThat(promtool).as("promtool on PATH; .ci/run installs Debian's prometheus package").isNotNull();
        HostMetrics metrics = new HostMetrics();
        JvmMetrics.register(metrics);
        metrics.describe("scalerhost_rpc_requests_total", "KEDA RPCs answered.");
        metrics.describe("scalerhost_rpc_duration_seconds", "KEDA RPC latency.");
        metrics.describe("scalerhost_source_lag", "Consumer lag.");
        metrics.counter("scalerhost_rpc_requests_total", "method", "GetMetrics", "code", "OK").inc(3);
        metrics.timer("scalerhost_rpc_duration_seconds", "method", "IsActive").update(Duration.ofMillis(7));
        metrics.forSource("kafka").gauge("lag", () -> 12, "topic", "a \"quoted\" \\ topic\nname");

        Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true).start();
        process.getOutputStream().write(new PrometheusTextWriter().write(metrics).getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("promtool said: %s", output).isZero();
    }
}
