package dev.scalerhost.host.config;

import dev.scalerhost.spi.Settings;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code serviceTypes:}: what KEDA's {@code serviceType} metadata selects. It is either
 * measured by a source ({@code source} and {@code params} set) or a composite of other serviceTypes
 * ({@code composite} set).
 *
 * @param serviceType       the key, lowercase {@code [a-z0-9-]}; also the metric name sent to KEDA
 * @param source            the name of the source that measures it; null for a composite
 * @param target            the HPA target per replica, > 0
 * @param activation        the workload is active while the value is greater than this
 * @param timing            refresh, timeout and staleness of this serviceType; a composite's is derived
 *                          from its parts' (shortest refresh, longest timeout, shortest staleness)
 * @param metadataOverrides host keys a ScaledObject's trigger metadata may override (subset of
 *                          {@code target}, {@code activation})
 * @param params            the plugin's keys, handed to {@code prepare}; null for a composite
 * @param composite         the parts of a composite; null for a measured serviceType
 * @param window            the aggregate over time sent instead of the latest measurement; null for none
 */
public record ServiceTypeConfig(
        String serviceType,
        String source,
        double target,
        double activation,
        Timing timing,
        Set<String> metadataOverrides,
        Settings params,
        CompositeConfig composite,
        WindowSpec window) {

    public ServiceTypeConfig {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(timing, "timing");
        if (composite == null) {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(params, "params");
        } else if (source != null || params != null) {
            throw new IllegalArgumentException("composite serviceType '" + serviceType + "' has no source or params");
        }
        metadataOverrides = Set.copyOf(metadataOverrides);
        if (!(target > 0) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("target must be a finite number > 0, got " + target);
        }
        if (!Double.isFinite(activation)) {
            throw new IllegalArgumentException("activation must be finite, got " + activation);
        }
    }

    /** A serviceType measured by {@code source} or a composite, without a window. */
    public ServiceTypeConfig(String serviceType, String source, double target, double activation, Timing timing,
            Set<String> metadataOverrides, Settings params, CompositeConfig composite) {
        this(serviceType, source, target, activation, timing, metadataOverrides, params, composite, null);
    }

    /** A serviceType measured by {@code source}. */
    public ServiceTypeConfig(String serviceType, String source, double target, double activation, Timing timing,
            Set<String> metadataOverrides, Settings params) {
        this(serviceType, source, target, activation, timing, metadataOverrides, params, null, null);
    }

    /** This serviceType with {@code window}. */
    public ServiceTypeConfig withWindow(WindowSpec window) {
        return new ServiceTypeConfig(serviceType, source, target, activation, timing, metadataOverrides, params, composite,
                window);
    }

    /** A composite serviceType, answered from its parts' values. */
    public static ServiceTypeConfig composite(String serviceType, CompositeConfig composite, double target,
            double activation, Timing timing, Set<String> metadataOverrides) {
        Objects.requireNonNull(composite, "composite");
        return new ServiceTypeConfig(serviceType, null, target, activation, timing, metadataOverrides, null, composite, null);
    }

    /** Whether this is a composite of other serviceTypes rather than measured by a source. */
    public boolean isComposite() {
        return composite != null;
    }
}
