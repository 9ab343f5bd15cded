package dev.scalerhost.demo;

import java.util.Objects;
import java.util.Optional;

/**
 * What KEDA would see for one serviceType in one polling round.
 *
 * @param serviceType the trigger's serviceType
 * @param value       GetMetrics' value (empty when a call failed)
 * @param target      GetMetricSpec's target (empty when that call failed)
 * @param active      IsActive's answer (false when a call failed)
 * @param error       the failed call and its status, when one failed
 */
record ScalerRow(String serviceType, Optional<Double> value, Optional<Double> target, boolean active,
                 Optional<String> error) {

    /** The demo's stand-in for a ScaledObject's maxReplicaCount. */
    static final int MAX_REPLICAS = 10;

    ScalerRow {
        Objects.requireNonNull(serviceType, "serviceType");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(error, "error");
    }

    static ScalerRow answered(String serviceType, double value, double target, boolean active) {
        return new ScalerRow(serviceType, Optional.of(value), Optional.of(target), active, Optional.empty());
    }

    static ScalerRow failed(String serviceType, Optional<Double> target, String error) {
        return new ScalerRow(serviceType, Optional.empty(), target, false, Optional.of(error));
    }

    /**
     * The replicas KEDA and the HPA would ask for: 0 while inactive (KEDA scales to zero), else
     * ceil(value / target) (AverageValue) between 1 and {@link #MAX_REPLICAS}. Empty after a failure,
     * when KEDA would apply its fallback instead.
     */
    Optional<Integer> desiredReplicas() {
        if (error.isPresent() || value.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        if (!active) {
            return Optional.of(0);
        }
        double ratio = Math.ceil(value.get() / target.get());
        return Optional.of((int) Math.max(1, Math.min(MAX_REPLICAS, ratio)));
    }
}
