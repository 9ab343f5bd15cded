package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.spi.Metric;
import java.util.Objects;

/**
 * One serviceType for the engine: its configuration and the metric its source prepared for it.
 *
 * @param config the serviceType's configuration
 * @param metric what {@code MetricSource.prepare} returned for it; null for a composite, which is
 *               not measured
 */
public record PreparedServiceType(ServiceTypeConfig config, Metric metric) {
    public PreparedServiceType {
        Objects.requireNonNull(config, "config");
        if (config.isComposite() != (metric == null)) {
            throw new IllegalArgumentException("serviceType '" + config.serviceType() + "': "
                    + (config.isComposite() ? "a composite has no metric" : "metric is required"));
        }
    }

    /** A composite serviceType, answered from its parts. */
    public static PreparedServiceType composite(ServiceTypeConfig config) {
        return new PreparedServiceType(config, null);
    }
}
