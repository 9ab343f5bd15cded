package dev.scalerhost.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmMetricsTest {

    @Test
    void registersMemoryThreadGcAndProcessMetrics() {
        Map<String, String> samples = MetricsSamples.of(new HostMetrics().withJvmMetrics()).all();

        assertThat(Double.parseDouble(samples.get("jvm_memory_used_bytes{area=\"heap\"}"))).isPositive();
        assertThat(Double.parseDouble(samples.get("jvm_memory_committed_bytes{area=\"nonheap\"}"))).isPositive();
        assertThat(Double.parseDouble(samples.get("jvm_threads_current"))).isGreaterThanOrEqualTo(1);
        // client_java's names: GC as a summary (collections = _count, time = _sum), uptime from the start time.
        assertThat(Double.parseDouble(samples.get("process_start_time_seconds"))).isPositive();
        assertThat(samples.keySet()).anyMatch(name -> name.startsWith("jvm_gc_collection_seconds_count{gc="))
                .anyMatch(name -> name.startsWith("jvm_gc_collection_seconds_sum{gc="));
        assertThat(Double.parseDouble(samples.get("process_open_fds"))).isPositive();
        assertThat(Double.parseDouble(samples.get("process_cpu_seconds_total"))).isPositive();
    }
}
