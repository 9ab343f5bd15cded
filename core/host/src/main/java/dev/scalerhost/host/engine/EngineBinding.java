package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.BindingConfig;
import dev.scalerhost.spi.Metric;
import java.util.Objects;

/**
 * One serviceType to measure: its configuration and the metric its source prepared for it.
 *
 * @param config the binding's configuration
 * @param metric what {@code MetricSource.prepare} returned for it
 */
public record EngineBinding(BindingConfig config, Metric metric) {
    public EngineBinding {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metric, "metric");
    }
}
