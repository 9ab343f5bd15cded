package dev.scalerhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {

    @Test
    void registersMemoryThreadGcAndProcessMetrics() {
        HostMetrics metrics = new HostMetrics();
        JvmMetrics.register(metrics);
        Map<String, String> samples = PrometheusFormat.parse(new PrometheusTextWriter().write(metrics));

        assertThat(Double.parseDouble(samples.get("jvm_memory_used_bytes{area=\"heap\"}"))).isPositive();
        assertThat(Double.parseDouble(samples.get("jvm_memory_committed_bytes{area=\"nonheap\"}"))).isPositive();
        assertThat(Double.parseDouble(samples.get("jvm_threads_current"))).isGreaterThanOrEqualTo(1);
        assertThat(Double.parseDouble(samples.get("process_uptime_seconds"))).isPositive();
        assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_gc_collections_total{gc="));
        assertThat(Double.parseDouble(samples.get("process_open_fds"))).isPositive();
        assertThat(Double.parseDouble(samples.get("process_cpu_seconds_total"))).isPositive();
    }
}
