package dev.scalerhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeferredJvmMetricsTest {

    @Test
    void scrapeDuringBackgroundSetUpWaitsForItAndSeesTheJvmMetrics() {
        HostMetrics metrics = new HostMetrics().withJvmMetrics();
        metrics.prepareJvmMetrics();

        Map<String, String> samples = MetricsSamples.of(metrics).all();

        assertThat(samples).containsKey("jvm_threads_current").containsKey("process_start_time_seconds");
    }

    @Test
    void addingTheJvmMetricsTwiceExposesEachFamilyOnce() {
        HostMetrics metrics = new HostMetrics().withJvmMetrics().withJvmMetrics();

        String text = new String(new MetricsExposition(metrics).scrape(), StandardCharsets.UTF_8);

        assertThat(text.split("# HELP jvm_threads_current ", -1)).hasSize(2);
    }
}
