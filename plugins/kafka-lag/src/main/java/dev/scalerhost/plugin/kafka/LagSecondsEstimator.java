package dev.scalerhost.plugin.kafka;

import org.apache.kafka.common.TopicPartition;

/**
 * How long ago the oldest unconsumed record of a partition was produced, from the source's
 * {@link EndOffsetHistory}.
 *
 * <p>Where the committed offset lies between two points of the history, its time is interpolated
 * linearly between them: the error is at most the gap between the two points (a refresh interval
 * while the source has watched the partition, wider for older points). Below the oldest point the
 * record is at least as old as that point; the rest is extrapolated with the partition's average
 * arrival rate over the history and never adds more than the age of the oldest point, so the
 * estimate is bounded by twice the history's reach. The caller looks the committed offset up in the
 * broker's timestamps first (see {@link TimestampProbe}), so this happens only while that lookup
 * has not reached back far enough yet.
 */
final class LagSecondsEstimator {

    /**
     * @param seconds       the estimate, ≥ 0
     * @param beyondHistory the committed offset lies below the oldest point, so the estimate is extrapolated
     */
    record Estimate(double seconds, boolean beyondHistory) {
        static final Estimate NONE = new Estimate(0, false);
    }

    private LagSecondsEstimator() {
    }

    /**
     * @param committed the first unconsumed offset (committed offset, at least the log start)
     * @param end       the partition's log end offset now
     */
    static Estimate estimate(EndOffsetHistory history, TopicPartition partition, long committed, long end, long nowMillis) {
        if (committed >= end) {
            return Estimate.NONE;
        }
        EndOffsetHistory.Point below = history.atOrBelow(partition, committed);
        EndOffsetHistory.Point above = history.above(partition, committed);
        if (above == null) {
            return Estimate.NONE;
        }
        if (below == null) {
            return extrapolated(above, committed, end, nowMillis);
        }
        double fraction = (double) (committed - below.offset()) / (above.offset() - below.offset());
        double produced = below.lastMillis() + fraction * (above.firstMillis() - below.lastMillis());
        return new Estimate(Math.max(0, nowMillis - produced) / 1000.0, false);
    }

    private static Estimate extrapolated(EndOffsetHistory.Point oldest, long committed, long end, long nowMillis) {
        double known = Math.max(0, nowMillis - oldest.firstMillis());
        double extra = 0;
        if (known > 0 && end > oldest.offset()) {
            double perMilli = (end - oldest.offset()) / known;
            extra = Math.min(known, (oldest.offset() - committed) / perMilli);
        }
        return new Estimate((known + extra) / 1000.0, true);
    }
}
