package dev.scalerhost.host.metrics;

import dev.scalerhost.host.threads.DaemonThreads;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The JVM's and the process's own metrics, set up off the start-up path. Setting them up takes about
 * a tenth of a second of CPU (the native memory metrics create the platform MBean server to ask the
 * JVM for its native memory summary), which nothing before the first scrape needs. They are set up on
 * a background thread once {@link #prepareInBackground} is called (the host does so when it is ready),
 * or by the first scrape, whichever comes first; a scrape during the set-up waits for it.
 */
final class DeferredJvmMetrics implements MultiCollector {

    private final FutureTask<PrometheusRegistry> registry = new FutureTask<>(() -> {
        PrometheusRegistry jvm = new PrometheusRegistry();
        JvmMetrics.builder().register(jvm);
        return jvm;
    });

    /** Starts the set-up on a daemon thread; returns at once. */
    void prepareInBackground() {
        DaemonThreads.named("scalerhost-jvm-metrics").newThread(registry).start();
    }

    @Override
    public MetricSnapshots collect() {
        // Runs the set-up here unless it already ran or is running; then waits for it.
        registry.run();
        try {
            return registry.get().scrape();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the JVM metrics could not be set up", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return MetricSnapshots.of();
        }
    }
}
