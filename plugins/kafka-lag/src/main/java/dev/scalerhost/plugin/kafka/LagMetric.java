package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Metric;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * A prepared binding. Identity equality on purpose: two bindings with equal parameters keep their
 * own persistent-lag history, as KEDA keeps it per ScaledObject.
 */
final class LagMetric implements Metric {

    private final LagSpec spec;
    private final RateSpec rateSpec;
    private final RateTracker rates;
    /** Committed offsets seen by the previous successful measurement, for excludePersistentLag. */
    private Map<TopicPartition, Long> previousCommitted = Map.of();

    LagMetric(LagSpec spec) {
        this(spec, new RateSpec(RateSpec.Kind.LAG, RateSpec.DEFAULT_DRAIN_WITHIN, java.util.OptionalDouble.empty(),
                RateSpec.DEFAULT_RATE_WINDOW));
    }

    LagMetric(LagSpec spec, RateSpec rateSpec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.rateSpec = Objects.requireNonNull(rateSpec, "rateSpec");
        this.rates = new RateTracker(rateSpec.rateWindow());
    }

    RateSpec rateSpec() {
        return rateSpec;
    }

    /** This binding's rates; used only by the measuring thread. */
    RateTracker rates() {
        return rates;
    }

    LagSpec spec() {
        return spec;
    }

    /** Measurements of one source run one at a time (see MetricSource), so no locking is needed. */
    Map<TopicPartition, Long> previousCommitted() {
        return previousCommitted;
    }

    void rememberCommitted(Map<TopicPartition, Long> committed) {
        previousCommitted = Map.copyOf(new HashMap<>(committed));
    }

    @Override
    public String describe() {
        return rateSpec.metric() == RateSpec.Kind.LAG ? spec.describe() : rateSpec.describe() + ": " + spec.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
