package dev.scalerhost.host.metrics;

import dev.scalerhost.spi.SourceMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The host's metrics: every {@code scalerhost_*} family declared once, with its help text and label
 * names, and a typed method per use. Callers on hot paths keep the returned {@link Count} or
 * {@link Distribution} instead of looking it up per call. Nothing outside this package sees the
 * Prometheus client.
 */
public final class HostMetrics {

    /** RPCs are answered from memory in well under a millisecond; a stalled one takes seconds. */
    private static final double[] RPC_SECONDS = {0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
        0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    /** A backend round trip: a millisecond to a timeout of tens of seconds. */
    static final double[] BACKEND_SECONDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
        30, 60};
    private static final double[] BATCH_SIZES = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};

    private final PrometheusRegistry registry = new PrometheusRegistry();

    private final Counter rpcRequests = counter("scalerhost_rpc_requests_total",
            "KEDA RPCs answered, by method, serviceType (or none, unknown) and gRPC status code.",
            "method", "service_type", "code");
    private final Histogram rpcSeconds = histogram("scalerhost_rpc_seconds",
            "Time to answer a unary KEDA RPC, from the call's start to its close, by method.",
            RPC_SECONDS, "method");
    private final Histogram measurementSeconds = histogram("scalerhost_measurement_seconds",
            "Time of one measure() batch of a source, including failed ones.", BACKEND_SECONDS, "source");
    private final Histogram batchSize = histogram("scalerhost_measurement_batch_size",
            "serviceTypes measured together in one measure() batch of a source.", BATCH_SIZES, "source");
    private final Counter measurementFailures = counter("scalerhost_measurement_failures_total",
            "Measurements of a serviceType that failed, by source and serviceType.", "source", "service_type");
    private final Counter pluginCallsRefused = counter("scalerhost_plugin_calls_refused_total",
            "Measurements not started because the plugin holds too many abandoned calls.", "plugin");
    private final GaugeFamily value = gauge("scalerhost_value",
            "The serviceType's last good value, as KEDA gets it; NaN before the first one.");
    private final GaugeFamily valueAge = gauge("scalerhost_value_age_seconds",
            "Seconds since the serviceType's last good value was measured; NaN before the first one.");
    private final GaugeFamily target = gauge("scalerhost_target",
            "The serviceType's configured target: KEDA asks for about value / target replicas.");
    private final GaugeFamily valueDetail = gauge("scalerhost_value_detail",
            "A figure the source reported beside the value (e.g. partitions, lagSeconds, arrivalRate, consumeRate, "
                    + "members, capacityPerConsumer, replicas), by serviceType and detail.");
    private final GaugeFamily streamListeners = gauge("scalerhost_stream_listeners",
            "Open StreamIsActive and StreamMetricSpec calls.");
    private final GaugeFamily pluginCallsAbandoned = gauge("scalerhost_plugin_calls_abandoned",
            "Calls into a plugin that outlived their deadline and have not returned: each holds a thread.");
    private final SourceMetricFamilies sourceFamilies = new SourceMetricFamilies();
    private DeferredJvmMetrics jvmMetrics;

    public HostMetrics() {
        registry.register(sourceFamilies);
    }

    /**
     * Adds the JVM's and the process's own metrics (memory, threads, GC, CPU, file descriptors), set
     * up at the first scrape or at {@link #prepareJvmMetrics}, whichever comes first.
     */
    public HostMetrics withJvmMetrics() {
        if (jvmMetrics == null) {
            jvmMetrics = new DeferredJvmMetrics();
            registry.register(jvmMetrics);
        }
        return this;
    }

    /** Sets up the JVM metrics on a background thread now, so that the first scrape does not wait for them. */
    public void prepareJvmMetrics() {
        if (jvmMetrics != null) {
            jvmMetrics.prepareInBackground();
        }
    }

    PrometheusRegistry registry() {
        return registry;
    }

    public Count rpcRequest(String method, String serviceType, String code) {
        return count(rpcRequests.labelValues(method, serviceType, code));
    }

    public Distribution rpcSeconds(String method) {
        return distribution(rpcSeconds.labelValues(method));
    }

    public Distribution measurementSeconds(String source) {
        return distribution(measurementSeconds.labelValues(source));
    }

    public Distribution measurementBatchSize(String source) {
        return distribution(batchSize.labelValues(source));
    }

    public Count measurementFailure(String source, String serviceType) {
        return count(measurementFailures.labelValues(source, serviceType));
    }

    /** The value, age and target gauges of one serviceType. */
    public Registration serviceType(String serviceType, DoubleSupplier value, DoubleSupplier age, double target) {
        Labels labels = Labels.of("service_type", serviceType);
        return Registration.all(this.value.register(value, labels), valueAge.register(age, labels),
                this.target.register(() -> target, labels));
    }

    public Registration valueDetail(String serviceType, String detail, DoubleSupplier value) {
        return valueDetail.register(value, Labels.of("service_type", serviceType, "detail", detail));
    }

    public Registration streamListeners(DoubleSupplier listeners) {
        return streamListeners.register(listeners, Labels.EMPTY);
    }

    public Registration pluginCallsAbandoned(String plugin, DoubleSupplier abandoned) {
        return pluginCallsAbandoned.register(abandoned, Labels.of("plugin", plugin));
    }

    public Count pluginCallRefused(String plugin) {
        return count(pluginCallsRefused.labelValues(plugin));
    }

    /** The view of the metrics that one source's plugin gets: its families under {@code scalerhost_source_}. */
    public SourceMetrics forSource(String sourceName) {
        return sourceFamilies.forSource(Objects.requireNonNull(sourceName, "sourceName"));
    }

    private Counter counter(String name, String help, String... labelNames) {
        return Counter.builder().name(name).help(help).labelNames(labelNames).withoutExemplars().register(registry);
    }

    private Histogram histogram(String name, String help, double[] buckets, String... labelNames) {
        // Classic buckets only: the text format shows nothing else, and native ones cost more per call.
        return Histogram.builder().name(name).help(help).labelNames(labelNames).classicOnly()
                .classicUpperBounds(buckets).withoutExemplars().register(registry);
    }

    private GaugeFamily gauge(String name, String help) {
        GaugeFamily family = new GaugeFamily(name, help);
        registry.register(family);
        return family;
    }

    private static Count count(CounterDataPoint dataPoint) {
        return dataPoint::inc;
    }

    private static Distribution distribution(DistributionDataPoint dataPoint) {
        return dataPoint::observe;
    }
}
