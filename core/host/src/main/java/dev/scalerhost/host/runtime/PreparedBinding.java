package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.BindingConfig;
import dev.scalerhost.spi.Metric;
import java.util.Objects;

/**
 * A serviceType whose parameters its source has validated and prepared.
 *
 * @param config its configuration entry
 * @param metric what its source returned from {@code prepare}
 */
public record PreparedBinding(BindingConfig config, Metric metric) {
    public PreparedBinding {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(metric, "metric");
    }
}
