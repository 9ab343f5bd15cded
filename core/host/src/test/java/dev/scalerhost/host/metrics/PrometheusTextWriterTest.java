package dev.scalerhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.SlidingWindowReservoir;
import com.codahale.metrics.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PrometheusTextWriterTest {

    private final HostMetrics metrics = new HostMetrics();
    private final PrometheusTextWriter writer = new PrometheusTextWriter();

    private String text() {
        return writer.write(metrics);
    }

    @Test
    void declaresEachFamilyOnceAndGroupsItsSamples() {
        metrics.counter("scalerhost_rpc_requests_total", "method", "GetMetrics").inc(3);
        metrics.counter("scalerhost_rpc_requests_total_extra").inc();
        metrics.counter("scalerhost_rpc_requests_total", "method", "IsActive").inc(2);

        String text = text();
        Map<String, String> samples = PrometheusFormat.parse(text);

        assertThat(text).containsOnlyOnce("# TYPE scalerhost_rpc_requests_total counter\n");
        assertThat(samples)
                .containsEntry("scalerhost_rpc_requests_total{method=\"GetMetrics\"}", "3")
                .containsEntry("scalerhost_rpc_requests_total{method=\"IsActive\"}", "2")
                .containsEntry("scalerhost_rpc_requests_total_extra_total", "1");
    }

    @Test
    void namesCountersWithTotalSuffix() {
        metrics.counter("scalerhost_measurements").inc(7);

        assertThat(text()).isEqualTo("# TYPE scalerhost_measurements_total counter\nscalerhost_measurements_total 7\n");
    }

    @Test
    void writesEscapedHelpBeforeTypeForDescribedFamilies() {
        metrics.describe("scalerhost_measurements", "Measurements by source\\kind\nsecond line.");
        metrics.counter("scalerhost_measurements").inc();
        metrics.gauge("scalerhost_plain", () -> 1);

        String text = text();
        PrometheusFormat.parse(text);

        assertThat(text).isEqualTo("# HELP scalerhost_measurements_total Measurements by source\\\\kind\\nsecond line.\n"
                + "# TYPE scalerhost_measurements_total counter\n"
                + "scalerhost_measurements_total 1\n"
                + "# TYPE scalerhost_plain gauge\n"
                + "scalerhost_plain 1\n");
    }

    @Test
    void showsCumulativeGaugesAsCounters() {
        metrics.cumulative("jvm_gc_collection_seconds_total", () -> 1.5, "gc", "G1 Young Generation");

        assertThat(text()).isEqualTo("# TYPE jvm_gc_collection_seconds_total counter\n"
                + "jvm_gc_collection_seconds_total{gc=\"G1 Young Generation\"} 1.5\n");
    }

    @Test
    void showsNumericAndBooleanGaugesAndSpecialValues() {
        metrics.gauge("scalerhost_value", () -> 12.25, "serviceType", "a");
        metrics.gauge("scalerhost_value", () -> Double.NaN, "serviceType", "b");
        metrics.gauge("scalerhost_value", () -> Double.POSITIVE_INFINITY, "serviceType", "c");
        metrics.registry().register("scalerhost_up", (Gauge<Boolean>) () -> true);

        Map<String, String> samples = PrometheusFormat.parse(text());

        assertThat(samples)
                .containsEntry("scalerhost_value{serviceType=\"a\"}", "12.25")
                .containsEntry("scalerhost_value{serviceType=\"b\"}", "NaN")
                .containsEntry("scalerhost_value{serviceType=\"c\"}", "+Inf")
                .containsEntry("scalerhost_up", "1");
        assertThat(text()).contains("# TYPE scalerhost_value gauge\n", "# TYPE scalerhost_up gauge\n");
    }

    @Test
    void showsTimersAsSummariesInSecondsWithExactSum() {
        Timer timer = metrics.timer("scalerhost_rpc_seconds", "method", "GetMetrics");
        timer.update(Duration.ofMillis(100));
        timer.update(200, TimeUnit.MILLISECONDS);
        timer.time(() -> { });

        String text = text();
        Map<String, String> samples = PrometheusFormat.parse(text);

        assertThat(text).contains("# TYPE scalerhost_rpc_seconds summary\n");
        assertThat(samples).containsKeys(
                "scalerhost_rpc_seconds{method=\"GetMetrics\",quantile=\"0.5\"}",
                "scalerhost_rpc_seconds{method=\"GetMetrics\",quantile=\"0.9\"}",
                "scalerhost_rpc_seconds{method=\"GetMetrics\",quantile=\"0.99\"}");
        assertThat(samples).containsEntry("scalerhost_rpc_seconds_count{method=\"GetMetrics\"}", "3");
        assertThat(Double.parseDouble(samples.get("scalerhost_rpc_seconds{method=\"GetMetrics\",quantile=\"0.99\"}")))
                .isCloseTo(0.2, within(1e-9));
        assertThat(Double.parseDouble(samples.get("scalerhost_rpc_seconds_sum{method=\"GetMetrics\"}")))
                .isBetween(0.3, 0.31);
    }

    @Test
    void showsForeignTimersAndHistogramsAsSummaries() {
        metrics.registry().timer("plain.timer").update(Duration.ofSeconds(2));
        Histogram histogram = metrics.registry().histogram("batch_size", () -> new Histogram(new SlidingWindowReservoir(10)));
        histogram.update(4);
        histogram.update(6);

        Map<String, String> samples = PrometheusFormat.parse(text());

        assertThat(samples)
                .containsEntry("plain_timer{quantile=\"0.5\"}", "2")
                .containsEntry("plain_timer_sum", "2")
                .containsEntry("plain_timer_count", "1")
                .containsEntry("batch_size_sum", "10")
                .containsEntry("batch_size_count", "2");
    }

    @Test
    void escapesLabelValues() {
        metrics.counter("scalerhost_errors_total", "message", "say \"hi\"\\now\nnext line").inc();

        String text = text();
        PrometheusFormat.parse(text);

        assertThat(text).contains("scalerhost_errors_total{message=\"say \\\"hi\\\"\\\\now\\nnext line\"} 1\n");
    }

    @Test
    void sanitizesDropwizardStyleNames() {
        metrics.registry().counter("jetty.requests-active");

        assertThat(PrometheusFormat.parse(text())).containsEntry("jetty_requests_active_total", "0");
    }

    @Test
    void leavesOutWhatItCannotShowAndKeepsTheRest() {
        metrics.registry().register("broken{unterminated=\"x}", (Gauge<Double>) () -> 1.0);
        metrics.registry().register("scalerhost_name", (Gauge<String>) () -> "text");
        metrics.gauge("scalerhost_clash_total", () -> 1);
        metrics.counter("scalerhost_clash").inc();
        metrics.gauge("scalerhost_ok", () -> 2);

        Map<String, String> samples = PrometheusFormat.parse(text());

        assertThat(samples).containsEntry("scalerhost_ok", "2");
        assertThat(samples.keySet()).noneMatch(name -> name.startsWith("broken") || name.startsWith("scalerhost_name"));
        assertThat(samples.keySet()).filteredOn(name -> name.startsWith("scalerhost_clash")).hasSize(1);
    }
}
