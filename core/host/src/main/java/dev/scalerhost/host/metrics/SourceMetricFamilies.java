package dev.scalerhost.host.metrics;

import dev.scalerhost.host.secrets.Secrets;
import dev.scalerhost.spi.SourceMetrics;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.StatefulMetric;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import java.util.regex.Pattern;

/**
 * The families that source plugins create through {@link SourceMetrics}, named
 * {@code scalerhost_source_<name>} with the label {@code source} first. A plugin names its metrics and
 * labels at the call, not ahead of it, and two plugins may use one name with different labels
 * ({@code request_errors_total} with and without {@code cause}); so a family keeps one client_java
 * metric per set of label names and shows them as one family. A name used as two kinds of metric
 * (a counter and a gauge) is an error at the call.
 */
final class SourceMetricFamilies implements MultiCollector {

    private static final String PREFIX = "scalerhost_source_";
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private final Map<String, Family> families = new ConcurrentHashMap<>();

    SourceMetrics forSource(String source) {
        return new SourceMetrics() {
            @Override
            public void count(String name, long delta, String... labels) {
                family(name, Kind.COUNTER).counter(labels(source, labels)).labelValues(values(source, labels)).inc(delta);
            }

            @Override
            public void time(String name, Duration duration, String... labels) {
                family(name, Kind.TIMER).timer(labels(source, labels)).labelValues(values(source, labels))
                        .observe(duration.toNanos() / 1e9);
            }

            @Override
            public void gauge(String name, DoubleSupplier value, String... labels) {
                family(name, Kind.GAUGE).gauge.register(value, Labels.of(labels(source, labels), values(source, labels)));
            }
        };
    }

    @Override
    public MetricSnapshots collect() {
        MetricSnapshots.Builder snapshots = MetricSnapshots.builder();
        families.values().forEach(family -> {
            MetricSnapshot snapshot = family.collect();
            if (snapshot != null && !snapshot.getDataPoints().isEmpty()) {
                snapshots.metricSnapshot(snapshot);
            }
        });
        return snapshots.build();
    }

    private Family family(String name, Kind kind) {
        checkName(name);
        // A counter's name is shown with _total whether or not it was given, so "x" and "x_total" are one family.
        String key = name.endsWith("_total") ? name.substring(0, name.length() - "_total".length()) : name;
        Family family = families.computeIfAbsent(key, n -> new Family(PREFIX + name, kind));
        if (family.kind != kind) {
            throw new IllegalArgumentException("metric '" + name + "' is already a " + family.kind.word
                    + ", it cannot also be a " + kind.word);
        }
        return family;
    }

    /** {@code source} and then the plugin's label names. */
    private static String[] labels(String source, String[] labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels must be name, value pairs: " + String.join(",", labels));
        }
        String[] names = new String[labels.length / 2 + 1];
        names[0] = "source";
        for (int i = 0; i < labels.length; i += 2) {
            checkName(labels[i]);
            names[i / 2 + 1] = labels[i];
        }
        return names;
    }

    /** The source's name and then the plugin's label values, which are the plugin's words, so secrets are redacted. */
    private static String[] values(String source, String[] labels) {
        String[] values = new String[labels.length / 2 + 1];
        values[0] = source;
        for (int i = 1; i < labels.length; i += 2) {
            values[i / 2 + 1] = Secrets.redact(Objects.requireNonNull(labels[i], "label value"));
        }
        return values;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid Prometheus metric or label name: '" + name + "'");
        }
    }

    private enum Kind {
        COUNTER("counter"), TIMER("timer"), GAUGE("gauge");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    /** One family: its metrics by label names (counters, timers) or its gauge series. */
    private static final class Family {
        final String name;
        final Kind kind;
        final String help;
        final Map<List<String>, StatefulMetric<?, ?>> byLabelNames = new ConcurrentHashMap<>();
        final GaugeFamily gauge;

        Family(String name, Kind kind) {
            this.name = name;
            this.kind = kind;
            this.help = "Reported by the source plugin, by source: " + name.substring(PREFIX.length())
                    + (kind == Kind.TIMER ? " in seconds." : ".");
            this.gauge = kind == Kind.GAUGE ? new GaugeFamily(name, help) : null;
        }

        Counter counter(String[] labelNames) {
            return (Counter) byLabelNames.computeIfAbsent(List.of(labelNames), n -> Counter.builder().name(name)
                    .help(help).labelNames(labelNames).withoutExemplars().build());
        }

        Histogram timer(String[] labelNames) {
            return (Histogram) byLabelNames.computeIfAbsent(List.of(labelNames), n -> Histogram.builder().name(name)
                    .help(help).labelNames(labelNames).classicOnly().classicUpperBounds(HostMetrics.BACKEND_SECONDS)
                    .withoutExemplars().build());
        }

        /** The family's series, or null before a counter or timer has any. */
        MetricSnapshot collect() {
            if (kind != Kind.GAUGE && byLabelNames.isEmpty()) {
                return null;
            }
            return switch (kind) {
                case GAUGE -> gauge.collect();
                case COUNTER -> merge(CounterSnapshot.builder(), CounterSnapshot.class,
                        (builder, point) -> builder.dataPoint((CounterDataPointSnapshot) point)).build();
                case TIMER -> merge(HistogramSnapshot.builder(), HistogramSnapshot.class,
                        (builder, point) -> builder.dataPoint((HistogramDataPointSnapshot) point)).build();
            };
        }

        private <B extends MetricSnapshot.Builder<B>> B merge(B builder, Class<? extends MetricSnapshot> type,
                                                              DataPointAdder<B> add) {
            String prometheusName = name;
            for (StatefulMetric<?, ?> metric : byLabelNames.values()) {
                MetricSnapshot snapshot = type.cast(metric.collect());
                prometheusName = snapshot.getMetadata().getName();
                snapshot.getDataPoints().forEach(point -> add.add(builder, point));
            }
            return builder.name(prometheusName).help(help);
        }
    }

    @FunctionalInterface
    private interface DataPointAdder<B> {
        void add(B builder, Object point);
    }
}
