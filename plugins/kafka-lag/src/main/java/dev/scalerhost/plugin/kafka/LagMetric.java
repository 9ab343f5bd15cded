package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Metric;
import java.util.Objects;

/**
 * A prepared binding. Identity equality on purpose: two bindings with equal parameters keep their
 * own persistent-lag history, as KEDA keeps it per ScaledObject.
 */
final class LagMetric implements Metric {

    private final LagSpec spec;
    /** Measurements of one source run one at a time (see MetricSource), so it needs no locking. */
    private final CommitHistory commitHistory = new CommitHistory();
    private final RateSpec rateSpec;
    private final RateTracker rates;
    private final RestartHold restartHold;

    LagMetric(LagSpec spec) {
        this(spec, new RateSpec(RateSpec.Kind.LAG, RateSpec.DEFAULT_DRAIN_WITHIN, java.util.OptionalDouble.empty(),
                RateSpec.DEFAULT_RATE_WINDOW));
    }

    LagMetric(LagSpec spec, RateSpec rateSpec) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.rateSpec = Objects.requireNonNull(rateSpec, "rateSpec");
        this.rates = new RateTracker(rateSpec.rateWindow());
        this.restartHold = new RestartHold(rateSpec.rateWindow().toMillis(), rateSpec.drainWithin().toMillis());
    }

    RateSpec rateSpec() {
        return rateSpec;
    }

    /** This binding's rates; used only by the measuring thread. */
    RateTracker rates() {
        return rates;
    }

    /** The member count its replicas figure holds while the consumers restart; used only by the measuring thread. */
    RestartHold restartHold() {
        return restartHold;
    }

    LagSpec spec() {
        return spec;
    }

    /** Since when its committed offsets stood still, for excludePersistentLag. */
    CommitHistory commitHistory() {
        return commitHistory;
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
