package dev.scalerhost.host.metrics;

import com.codahale.metrics.Gauge;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * A total that only grows and is kept elsewhere (a JMX counter such as GC count), read on demand.
 * Dropwizard has no such type; the exposition writer shows it as a Prometheus counter.
 */
public final class CumulativeGauge implements Gauge<Double> {

    private final DoubleSupplier total;

    public CumulativeGauge(DoubleSupplier total) {
        this.total = Objects.requireNonNull(total, "total");
    }

    @Override
    public Double getValue() {
        return total.getAsDouble();
    }
}
