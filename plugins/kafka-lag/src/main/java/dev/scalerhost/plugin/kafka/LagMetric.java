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

    LagMetric(LagSpec spec) {
        this.spec = Objects.requireNonNull(spec, "spec");
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
        return spec.describe();
    }

    @Override
    public String toString() {
        return describe();
    }
}
