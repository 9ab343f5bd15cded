package dev.scalerhost.host.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gauge family whose series are read from suppliers at scrape time and come and go with what they
 * describe (a serviceType, a source, a plugin). client_java's {@code GaugeWithCallback} has one
 * callback for the whole family; here each series is registered and removed on its own, and removed
 * only by the registration that is still current, so a configuration reload can replace series
 * without the old engine's close removing the new ones.
 */
final class GaugeFamily implements Collector {

    private static final Logger LOG = LoggerFactory.getLogger(GaugeFamily.class);

    private final String name;
    private final String help;
    private final Map<Labels, DoubleSupplier> series = new ConcurrentHashMap<>();
    private final Set<Labels> failing = ConcurrentHashMap.newKeySet();

    GaugeFamily(String name, String help) {
        this.name = Objects.requireNonNull(name, "name");
        this.help = Objects.requireNonNull(help, "help");
    }

    /** Registers (or replaces) the series with these labels. */
    Registration register(DoubleSupplier value, Labels labels) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(labels, "labels");
        DoubleSupplier registered = value::getAsDouble;
        series.put(labels, registered);
        return () -> series.remove(labels, registered);
    }

    @Override
    public GaugeSnapshot collect() {
        GaugeSnapshot.Builder snapshot = GaugeSnapshot.builder().name(name).help(help);
        series.forEach((labels, value) -> {
            double reading;
            try {
                reading = value.getAsDouble();
            } catch (RuntimeException e) {
                // A broken supplier (a plugin's) costs only its own series, logged once.
                if (failing.add(labels)) {
                    LOG.warn("gauge {}{} is left out of /metrics: reading it failed: {}", name, labels,
                            String.valueOf(e.getMessage()));
                }
                return;
            }
            snapshot.dataPoint(GaugeDataPointSnapshot.builder()
                    .labels(labels)
                    .value(reading)
                    .build());
        });
        return snapshot.build();
    }
}
