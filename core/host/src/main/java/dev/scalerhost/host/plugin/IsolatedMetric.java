package dev.scalerhost.host.plugin;

import dev.scalerhost.spi.Metric;

/**
 * A metric prepared by a plugin, as the host holds it: its description is read once, inside the
 * plugin's class loader, so the host never calls plugin code to show it. Equality is identity:
 * the host passes back exactly the objects that {@code prepare} returned.
 */
final class IsolatedMetric implements Metric {

    private final Metric delegate;
    private final String description;

    IsolatedMetric(Metric delegate, String description) {
        this.delegate = delegate;
        this.description = description == null ? "" : description;
    }

    Metric delegate() {
        return delegate;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public String toString() {
        return description;
    }
}
