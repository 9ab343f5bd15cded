package dev.scalerhost.host.metrics;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.RuntimeMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Objects;

/**
 * The process's own health as gauges and counters, named as the Prometheus Java client names them
 * so that existing dashboards work: memory, threads, garbage collection, uptime, CPU and file
 * descriptors (the last two only where the JVM exposes them).
 */
public final class JvmMetrics {

    private JvmMetrics() {
    }

    public static void register(HostMetrics metrics) {
        Objects.requireNonNull(metrics, "metrics");
        describe(metrics);
        registerMemory(metrics);
        registerThreads(metrics);
        registerGarbageCollection(metrics);
        registerProcess(metrics);
    }

    private static void describe(HostMetrics metrics) {
        metrics.describe("jvm_memory_used_bytes", "Used bytes of a JVM memory area.");
        metrics.describe("jvm_memory_committed_bytes", "Committed bytes of a JVM memory area.");
        metrics.describe("jvm_memory_max_bytes", "Maximum bytes of a JVM memory area.");
        metrics.describe("jvm_threads_current", "Current thread count of the JVM.");
        metrics.describe("jvm_threads_daemon", "Daemon thread count of the JVM.");
        metrics.describe("jvm_threads_peak", "Peak thread count of the JVM.");
        metrics.describe("jvm_gc_collections_total", "Collections run by a garbage collector.");
        metrics.describe("jvm_gc_collection_seconds_total", "Time spent in a garbage collector.");
        metrics.describe("process_uptime_seconds", "Seconds since the JVM started.");
        metrics.describe("process_start_time_seconds", "Start time of the process since the Unix epoch in seconds.");
        metrics.describe("process_cpu_seconds_total", "User and system CPU time spent in seconds.");
        metrics.describe("process_open_fds", "Number of open file descriptors.");
        metrics.describe("process_max_fds", "Maximum number of open file descriptors.");
    }

    private static void registerMemory(HostMetrics metrics) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        metrics.gauge("jvm_memory_used_bytes", () -> memory.getHeapMemoryUsage().getUsed(), "area", "heap");
        metrics.gauge("jvm_memory_committed_bytes", () -> memory.getHeapMemoryUsage().getCommitted(), "area", "heap");
        metrics.gauge("jvm_memory_max_bytes", () -> memory.getHeapMemoryUsage().getMax(), "area", "heap");
        metrics.gauge("jvm_memory_used_bytes", () -> memory.getNonHeapMemoryUsage().getUsed(), "area", "nonheap");
        metrics.gauge("jvm_memory_committed_bytes", () -> memory.getNonHeapMemoryUsage().getCommitted(),
                "area", "nonheap");
    }

    private static void registerThreads(HostMetrics metrics) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        metrics.gauge("jvm_threads_current", threads::getThreadCount);
        metrics.gauge("jvm_threads_daemon", threads::getDaemonThreadCount);
        metrics.gauge("jvm_threads_peak", threads::getPeakThreadCount);
    }

    private static void registerGarbageCollection(HostMetrics metrics) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // -1 means the collector does not report counts; an undefined value is left out, not shown as 0.
            if (gc.getCollectionCount() < 0) {
                continue;
            }
            metrics.cumulative("jvm_gc_collections_total", gc::getCollectionCount, "gc", gc.getName());
            metrics.cumulative("jvm_gc_collection_seconds_total", () -> gc.getCollectionTime() / 1000.0,
                    "gc", gc.getName());
        }
    }

    private static void registerProcess(HostMetrics metrics) {
        RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
        metrics.gauge("process_uptime_seconds", () -> runtime.getUptime() / 1000.0);
        metrics.gauge("process_start_time_seconds", () -> runtime.getStartTime() / 1000.0);
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sunOs && sunOs.getProcessCpuTime() >= 0) {
            metrics.cumulative("process_cpu_seconds_total", () -> sunOs.getProcessCpuTime() / 1e9);
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            metrics.gauge("process_open_fds", unix::getOpenFileDescriptorCount);
            metrics.gauge("process_max_fds", unix::getMaxFileDescriptorCount);
        }
    }
}
