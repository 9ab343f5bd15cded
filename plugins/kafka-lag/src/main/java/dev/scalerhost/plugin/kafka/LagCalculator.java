package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Reading;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/** Turns offsets into a binding's value, the way KEDA's Kafka scaler does (minus its known bugs). */
final class LagCalculator {

    private LagCalculator() {
    }

    /**
     * @param spec              the binding
     * @param partitions        the partitions it covers, after partitionLimitation
     * @param committed         the group's committed offsets (partitions without a commit are absent)
     * @param logEnd            log end offsets of at least {@code partitions}
     * @param logStart          log start offsets of the uncommitted partitions, where the policy needs them
     * @param history           since when each committed offset stood still, for excludePersistentLag
     * @param now               the time of this measurement
     */
    static Reading.Value compute(LagSpec spec, Collection<TopicPartition> partitions,
                                 Map<TopicPartition, Long> committed, Map<TopicPartition, Long> logEnd,
                                 Map<TopicPartition, Long> logStart, CommitHistory history, Instant now) {
        long lag = 0;
        long lagWithPersistent = 0;
        int withLag = 0;
        int uncommitted = 0;
        int persistent = 0;
        for (TopicPartition partition : partitions) {
            long end = logEnd.get(partition);
            Long offset = committed.get(partition);
            long partitionLag;
            boolean stuck = false;
            if (offset == null) {
                uncommitted++;
                partitionLag = uncommittedLag(spec, end, logStart.get(partition));
            } else {
                // A committed offset past the log end (e.g. after a topic was recreated) is no backlog.
                partitionLag = Math.max(0, end - offset);
                stuck = spec.excludePersistentLag() && partitionLag > 0
                        && history.unchangedFor(partition, offset, now, spec.persistentLagWindow());
            }
            lagWithPersistent += partitionLag;
            if (stuck) {
                persistent++;
            } else {
                lag += partitionLag;
                if (partitionLag > 0) {
                    withLag++;
                }
            }
        }
        double value = cap(spec, lag, partitions.size(), withLag);
        return Reading.of(value, lagWithPersistent)
                .withDetail("lag", lagWithPersistent)
                .withDetail("partitions", partitions.size())
                .withDetail("partitionsWithLag", withLag)
                .withDetail("uncommittedPartitions", uncommitted)
                .withDetail("persistentLagPartitions", persistent);
    }

    private static long uncommittedLag(LagSpec spec, long end, Long start) {
        if (spec.scaleToZeroOnInvalidOffset()) {
            return 0;
        }
        return switch (spec.offsetResetPolicy()) {
            case LATEST -> 1;
            // KEDA counts the log end alone here, which overstates a partition whose start was deleted.
            case EARLIEST -> Math.max(0, end - start);
        };
    }

    /** Keeps desired replicas (≈ value / target) from exceeding the partitions that can be consumed. */
    private static double cap(LagSpec spec, long lag, int partitions, int partitionsWithLag) {
        if (spec.ensureEvenDistributionOfPartitions()) {
            return EvenDistribution.value(lag, partitions, spec.target());
        }
        if (spec.allowIdleConsumers()) {
            return lag;
        }
        long consumable = spec.limitToPartitionsWithLag() ? partitionsWithLag : partitions;
        return Math.min(lag, consumable * spec.target());
    }
}
