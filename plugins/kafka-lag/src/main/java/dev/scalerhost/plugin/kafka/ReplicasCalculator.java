package dev.scalerhost.plugin.kafka;

import java.time.Duration;

/**
 * The consumers a group needs to keep up with arrivals and drain its backlog within a time:
 * {@code ceil((arrival + lag / drainWithin) / capacity per consumer)}, at least 1 while there is
 * anything to do, and at most the partition count unless idle consumers are allowed (a consumer
 * beyond the partition count gets no partition).
 *
 * <p>A group that drains fast enough asks for no more than it has ({@link #notMoreThanCatchingUp}): when
 * its members already commit at least arrival + lag / drainWithin, the backlog goes in time whatever
 * capacity was learned earlier, since a consumer can do at least what it does. Nor does it ask for one
 * more consumer for an excess within the HPA's tolerance ({@link #withinTolerance}).
 */
final class ReplicasCalculator {

    /** Rounding slack, so that 3.0000000001 replicas is 3. */
    private static final double SLACK = 1e-6;
    /** The HPA's default tolerance: no change while the usage ratio is within 10 % of 1. */
    static final double TOLERANCE = 0.1;

    private ReplicasCalculator() {
    }

    static int replicas(double arrivalRate, long lag, Duration drainWithin, double capacityPerConsumer,
                        int partitions, boolean allowIdleConsumers) {
        if (!(capacityPerConsumer > 0)) {
            throw new IllegalArgumentException("capacityPerConsumer must be > 0, got " + capacityPerConsumer);
        }
        double arrival = Double.isNaN(arrivalRate) ? 0 : Math.max(0, arrivalRate);
        if (lag <= 0 && arrival == 0) {
            return 0;
        }
        double needed = (arrival + lag / (drainWithin.toMillis() / 1000.0)) / capacityPerConsumer;
        long replicas = Math.max(1, (long) Math.ceil(needed - SLACK));
        if (!allowIdleConsumers) {
            replicas = Math.min(replicas, Math.max(1, partitions));
        }
        return (int) Math.min(Integer.MAX_VALUE, replicas);
    }

    /**
     * {@code replicas}, but no more than {@code members} while the consumers needed are within the HPA's
     * tolerance ({@link #TOLERANCE}) above them. The HPA keeps its count while a metric is within 10 % of
     * its target, so that noise does not move it; the figure is rounded up before the HPA sees it, which
     * would turn any excess, however small, into one more consumer: at arrivals of exactly 2 consumers'
     * capacity, the records in flight between commits and a measured arrival rate 0.1 % high would ask
     * for a third. A real shortfall still asks for more once its backlog grows past the tolerance.
     */
    static int withinTolerance(int replicas, int members, double arrivalRate, long lag, Duration drainWithin,
                               double capacityPerConsumer) {
        if (members <= 0 || replicas <= members || !(capacityPerConsumer > 0)) {
            return replicas;
        }
        double arrival = Double.isNaN(arrivalRate) ? 0 : Math.max(0, arrivalRate);
        double needed = (arrival + Math.max(0, lag) / (drainWithin.toMillis() / 1000.0)) / capacityPerConsumer;
        return needed <= members * (1 + TOLERANCE) ? members : replicas;
    }

    /**
     * {@code replicas}, but no more than {@code members} when those members catch up fast enough: they
     * commit at least arrival + lag / drainWithin, measured over a window in which they did not
     * change. With fewer members than the count, or rates not known, it is {@code replicas}.
     */
    static int notMoreThanCatchingUp(int replicas, int members, double arrivalRate, double consumeRate,
                                     boolean membersUnchanged, long lag, Duration drainWithin) {
        if (members <= 0 || replicas <= members || !membersUnchanged || Double.isNaN(arrivalRate)
                || Double.isNaN(consumeRate)) {
            return replicas;
        }
        double needed = Math.max(0, arrivalRate) + Math.max(0, lag) / (drainWithin.toMillis() / 1000.0);
        return consumeRate >= needed ? members : replicas;
    }
}
