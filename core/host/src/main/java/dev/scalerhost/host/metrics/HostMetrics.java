package dev.scalerhost.host.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import dev.scalerhost.host.secrets.Secrets;
import dev.scalerhost.spi.SourceMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

/**
 * The host's Dropwizard registry with Prometheus-style labels.
 *
 * <p>Dropwizard has no labels, so a metric's registry name is its Prometheus name with the label
 * set already rendered: {@code scalerhost_rpc_requests_total{method="GetMetrics",code="OK"}}. The
 * exposition writer splits the name at the first {@code '{'}. Callers on hot paths keep the
 * returned {@link Counter} or {@link Timer} instead of looking it up per call.
 */
public final class HostMetrics {

    private final MetricRegistry registry = new MetricRegistry();
    private final Map<String, String> help = new ConcurrentHashMap<>();

    public MetricRegistry registry() {
        return registry;
    }

    /** Gives a metric family the one-line description that {@code /metrics} shows as {@code # HELP}. */
    public void describe(String name, String text) {
        checkName(name);
        help.put(name, Objects.requireNonNull(text, "text"));
    }

    /** The descriptions by family name, as given to {@link #describe}. */
    public Map<String, String> descriptions() {
        return Map.copyOf(help);
    }

    public Counter counter(String name, String... labels) {
        return registry.counter(key(name, labels));
    }

    /** A timer whose exact total is kept, so that {@code /metrics} can show it as a summary's {@code _sum}. */
    public Timer timer(String name, String... labels) {
        return registry.timer(key(name, labels), SummingTimer::new);
    }

    /** Registers (or replaces) a gauge and returns it, for {@link #removeIfSame}. */
    public synchronized Gauge<Double> gauge(String name, DoubleSupplier value, String... labels) {
        Objects.requireNonNull(value, "value");
        String key = key(name, labels);
        Gauge<Double> gauge = value::getAsDouble;
        registry.remove(key);
        registry.register(key, gauge);
        return gauge;
    }

    /**
     * Registers (or replaces) a total that only grows and is kept elsewhere, e.g. a JMX counter;
     * {@code /metrics} shows it as a counter.
     */
    public void cumulative(String name, DoubleSupplier total, String... labels) {
        String key = key(name, labels);
        registry.remove(key);
        registry.register(key, new CumulativeGauge(total));
    }

    /** Removes one metric, e.g. the gauges of a source that was closed. */
    public void remove(String name, String... labels) {
        registry.remove(key(name, labels));
    }

    /**
     * Removes a metric only if {@code registered} is still the one under its name: after a
     * configuration reload the new engine has replaced the old engine's gauges, and the old
     * engine's close must not remove them.
     */
    public synchronized void removeIfSame(Metric registered, String name, String... labels) {
        Objects.requireNonNull(registered, "registered");
        String key = key(name, labels);
        if (registry.getMetrics().get(key) == registered) {
            registry.remove(key);
        }
    }

    /** Removes every metric whose rendered labels contain {@code label="value"}. */
    public void removeLabelled(String label, String value) {
        String needle = label + "=\"" + escape(value) + "\"";
        registry.removeMatching((metricName, metric) -> metricName.contains(needle));
    }

    /** The view of this registry that one source's plugin gets. */
    public SourceMetrics forSource(String sourceName) {
        Objects.requireNonNull(sourceName, "sourceName");
        return new SourceMetrics() {
            @Override
            public void count(String name, long delta, String... labels) {
                counter(sourceMetricName(name), withSource(sourceName, labels)).inc(delta);
            }

            @Override
            public void time(String name, Duration duration, String... labels) {
                timer(sourceMetricName(name), withSource(sourceName, labels))
                        .update(duration.toNanos(), TimeUnit.NANOSECONDS);
            }

            @Override
            public void gauge(String name, DoubleSupplier value, String... labels) {
                HostMetrics.this.gauge(sourceMetricName(name), value, withSource(sourceName, labels));
            }
        };
    }

    /** Renders {@code name{l1="v1",l2="v2"}}; {@code labels} are name, value pairs. */
    public static String key(String name, String... labels) {
        checkName(name);
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels must be name, value pairs: " + String.join(",", labels));
        }
        if (labels.length == 0) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length() + 16 * labels.length).append(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            checkName(labels[i]);
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        return out.append('}').toString();
    }

    private static String sourceMetricName(String name) {
        return "scalerhost_source_" + name;
    }

    /** A plugin's labels after {@code source}; their values are the plugin's words, so secrets are redacted. */
    private static String[] withSource(String source, String[] labels) {
        String[] all = new String[labels.length + 2];
        all[0] = "source";
        all[1] = source;
        System.arraycopy(labels, 0, all, 2, labels.length);
        for (int i = 3; i < all.length; i += 2) {
            all[i] = Secrets.redact(all[i]);
        }
        return all;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("not a valid Prometheus metric or label name: '" + name + "'");
        }
    }

    static String escape(String value) {
        Objects.requireNonNull(value, "label value");
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
