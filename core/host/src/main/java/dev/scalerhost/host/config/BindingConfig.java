package dev.scalerhost.host.config;

import dev.scalerhost.spi.Settings;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code serviceTypes:}: what KEDA's {@code serviceType} metadata selects.
 *
 * @param serviceType       the key, lowercase {@code [a-z0-9-]}; also the metric name sent to KEDA
 * @param source            the name of the source that measures it
 * @param target            the HPA target per replica, > 0
 * @param activation        the workload is active while the value is greater than this
 * @param timing            refresh, timeout and staleness of this binding
 * @param metadataOverrides host keys a ScaledObject's trigger metadata may override (subset of
 *                          {@code target}, {@code activation})
 * @param params            the plugin's keys, handed to {@code prepare}
 */
public record BindingConfig(
        String serviceType,
        String source,
        double target,
        double activation,
        Timing timing,
        Set<String> metadataOverrides,
        Settings params) {

    public BindingConfig {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(params, "params");
        metadataOverrides = Set.copyOf(metadataOverrides);
        if (!(target > 0) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("target must be a finite number > 0, got " + target);
        }
        if (!Double.isFinite(activation)) {
            throw new IllegalArgumentException("activation must be finite, got " + activation);
        }
    }
}
