package dev.scalerhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.scalerhost.spi.SourceMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HostMetricsTest {

    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) ", Pattern.MULTILINE);

    private final HostMetrics metrics = new HostMetrics();

    private MetricsSamples samples() {
        return MetricsSamples.of(metrics);
    }

    @Test
    void everyFamilyHasHelpBeforeItsType() {
        metrics.withJvmMetrics();
        metrics.rpcRequest("GetMetrics", "a", "OK").inc();
        metrics.rpcSeconds("GetMetrics").observeNanos(1_000);
        metrics.measurementSeconds("kafka").observeNanos(1_000_000);
        metrics.measurementBatchSize("kafka").observe(3);
        metrics.measurementFailure("kafka", "a").inc();
        metrics.serviceType("a", () -> 1, () -> 2, 3);
        metrics.valueDetail("a", "partitions", () -> 12);
        metrics.streamListeners(() -> 0);
        metrics.pluginCallsAbandoned("p", () -> 0);
        metrics.pluginCallRefused("p");
        metrics.forSource("kafka").count("requests_total", 1, "api", "ListOffsets");

        String text = MetricsSamples.text(metrics);
        Matcher type = TYPE.matcher(text);
        int families = 0;
        while (type.find()) {
            assertThat(text).contains("# HELP " + type.group(1) + " ");
            families++;
        }
        assertThat(families).isGreaterThan(20);
        PrometheusFormat.parse(text);
    }

    @Test
    void countsAndKeepsLatencyAsHistogramsInSeconds() {
        Count ok = metrics.rpcRequest("GetMetrics", "a", "OK");
        ok.inc();
        ok.inc();
        metrics.rpcRequest("GetMetrics", "a", "OK").inc();
        Distribution latency = metrics.rpcSeconds("GetMetrics");
        latency.observeNanos(Duration.ofMillis(100).toNanos());
        latency.observeNanos(Duration.ofMillis(200).toNanos());

        String text = MetricsSamples.text(metrics);
        MetricsSamples samples = samples();

        assertThat(text).containsOnlyOnce("# TYPE scalerhost_rpc_requests_total counter\n")
                .contains("# TYPE scalerhost_rpc_seconds histogram\n");
        assertThat(samples.value("scalerhost_rpc_requests_total", "method", "GetMetrics", "service_type", "a", "code", "OK"))
                .isEqualTo(3.0);
        assertThat(samples.value("scalerhost_rpc_seconds_count", "method", "GetMetrics")).isEqualTo(2.0);
        assertThat(samples.value("scalerhost_rpc_seconds_sum", "method", "GetMetrics")).isCloseTo(0.3, within(1e-9));
        assertThat(samples.value("scalerhost_rpc_seconds_bucket", "method", "GetMetrics", "le", "0.1")).isEqualTo(1.0);
        assertThat(samples.value("scalerhost_rpc_seconds_bucket", "method", "GetMetrics", "le", "0.25")).isEqualTo(2.0);
        assertThat(samples.value("scalerhost_rpc_seconds_bucket", "method", "GetMetrics", "le", "+Inf")).isEqualTo(2.0);
    }

    @Test
    void showsGaugeSpecialValues() {
        metrics.serviceType("a", () -> 12.25, () -> Double.NaN, Double.POSITIVE_INFINITY);

        MetricsSamples samples = samples();

        assertThat(samples.value("scalerhost_value", "service_type", "a")).isEqualTo(12.25);
        assertThat(samples.value("scalerhost_value_age_seconds", "service_type", "a")).isNaN();
        assertThat(samples.value("scalerhost_target", "service_type", "a")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aGaugeIsRemovedOnlyByItsCurrentRegistration() {
        Registration old = metrics.serviceType("a", () -> 1, () -> 0, 10);
        Registration gone = metrics.serviceType("b", () -> 5, () -> 0, 10);
        Registration replacing = metrics.serviceType("a", () -> 2, () -> 0, 10);

        old.unregister();
        gone.unregister();

        assertThat(samples().value("scalerhost_value", "service_type", "a")).isEqualTo(2.0);
        assertThat(samples().all().keySet()).noneMatch(name -> name.contains("service_type=\"b\""));
        replacing.unregister();
        assertThat(samples().all().keySet()).noneMatch(name -> name.startsWith("scalerhost_value"));
    }

    @Test
    void aGaugeThatFailsIsLeftOutAndTheRestKept() {
        metrics.valueDetail("a", "broken", () -> {
            throw new IllegalStateException("no figure");
        });
        metrics.valueDetail("a", "partitions", () -> 12);

        Map<String, String> samples = samples().all();

        assertThat(samples).containsEntry(MetricsSamples.key("scalerhost_value_detail", "service_type", "a",
                "detail", "partitions"), "12.0");
        assertThat(samples.keySet()).noneMatch(name -> name.contains("broken"));
    }

    @Test
    void sourceMetricsArePrefixedLabelledWithTheSourceAndEscaped() {
        SourceMetrics kafka = metrics.forSource("kafka");
        kafka.count("errors_total", 2, "message", "say \"hi\"\\now\nnext line");
        kafka.time("refresh_duration", Duration.ofMillis(20));
        kafka.gauge("requests_last_refresh", () -> 4);

        String text = MetricsSamples.text(metrics);
        MetricsSamples samples = samples();

        assertThat(text).contains(
                "scalerhost_source_errors_total{message=\"say \\\"hi\\\"\\\\now\\nnext line\",source=\"kafka\"} 2.0\n");
        assertThat(samples.value("scalerhost_source_refresh_duration_count", "source", "kafka")).isEqualTo(1.0);
        assertThat(samples.value("scalerhost_source_refresh_duration_sum", "source", "kafka")).isEqualTo(0.02);
        assertThat(samples.value("scalerhost_source_requests_last_refresh", "source", "kafka")).isEqualTo(4.0);
    }

    @Test
    void sourcesMayUseOneNameWithDifferentLabelsAndItIsOneFamily() {
        metrics.forSource("prom").count("request_errors_total", 1, "cause", "timeout");
        metrics.forSource("redis").count("request_errors_total", 3);
        metrics.forSource("redis").count("request_errors", 1);

        String text = MetricsSamples.text(metrics);
        MetricsSamples samples = samples();

        assertThat(text).containsOnlyOnce("# TYPE scalerhost_source_request_errors_total counter\n");
        assertThat(samples.value("scalerhost_source_request_errors_total", "source", "prom", "cause", "timeout"))
                .isEqualTo(1.0);
        assertThat(samples.value("scalerhost_source_request_errors_total", "source", "redis")).isEqualTo(4.0);
    }

    @Test
    void aSourceMetricNameIsOneKindAndValid() {
        SourceMetrics source = metrics.forSource("s");
        source.count("clash_total", 1);

        assertThatThrownBy(() -> source.gauge("clash_total", () -> 1))
                .hasMessage("metric 'clash_total' is already a counter, it cannot also be a gauge");
        assertThatThrownBy(() -> source.count("bad-name", 1)).hasMessageContaining("'bad-name'");
        assertThatThrownBy(() -> source.count("ok", 1, "odd")).hasMessageContaining("name, value pairs");
        assertThat(samples().value("scalerhost_source_clash_total", "source", "s")).isEqualTo(1.0);
    }
}
