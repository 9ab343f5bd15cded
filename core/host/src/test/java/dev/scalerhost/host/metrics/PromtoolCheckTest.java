package dev.scalerhost.host.metrics;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Prometheus' own linter accepts every family the host declares, and a plugin's. */
class PromtoolCheckTest {

    @Test
    void promtoolAcceptsTheExposition() throws Exception {
        HostMetrics metrics = new HostMetrics().withJvmMetrics();
        metrics.rpcRequest("GetMetrics", "a", "OK").inc();
        metrics.rpcSeconds("IsActive").observeNanos(Duration.ofMillis(7).toNanos());
        metrics.measurementSeconds("kafka").observeNanos(Duration.ofMillis(30).toNanos());
        metrics.measurementBatchSize("kafka").observe(2);
        metrics.measurementFailure("kafka", "a").inc();
        metrics.serviceType("a", () -> 12, () -> Double.NaN, 10);
        metrics.valueDetail("a", "partitions", () -> 3);
        metrics.streamListeners(() -> 1);
        metrics.pluginCallsAbandoned("kafka-lag", () -> 0);
        metrics.pluginCallRefused("kafka-lag");
        metrics.forSource("kafka").gauge("lag", () -> 12, "topic", "a \"quoted\" \\ topic\nname");
        metrics.forSource("kafka").count("errors_total", 1, "code", "NOT_COORDINATOR");
        metrics.forSource("kafka").time("refresh_duration", Duration.ofMillis(4));

        Promtool.assertClean(new MetricsExposition(metrics).scrape());
    }
}
