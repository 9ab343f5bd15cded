package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One binding's parameters, with KEDA's Kafka scaler names and meanings.
 *
 * @param consumerGroup              the group whose lag is measured
 * @param topic                      the topic, or empty for every topic the group has committed offsets for
 * @param target                     the host's target per replica (KEDA's {@code lagThreshold}), for the cap
 * @param offsetResetPolicy          what a partition without a committed offset counts as
 * @param scaleToZeroOnInvalidOffset such a partition counts 0 instead
 * @param allowIdleConsumers         no cap at partitions × target
 * @param limitToPartitionsWithLag   cap at partitions-with-lag × target instead of partitions × target
 * @param excludePersistentLag       a partition whose committed offset did not move counts 0 (but still activates)
 * @param partitionLimitation        the partitions of {@code topic} to count, or empty for all
 * @param ensureEvenDistributionOfPartitions round the value up so that desired replicas divide the partitions evenly
 * @param persistentLagWindow        how long a committed offset must stay put to count as persistent lag
 */
record LagSpec(
        String consumerGroup,
        Optional<String> topic,
        double target,
        OffsetResetPolicy offsetResetPolicy,
        boolean scaleToZeroOnInvalidOffset,
        boolean allowIdleConsumers,
        boolean limitToPartitionsWithLag,
        boolean excludePersistentLag,
        Optional<PartitionLimitation> partitionLimitation,
        boolean ensureEvenDistributionOfPartitions,
        Duration persistentLagWindow) {

    /** KEDA's default {@code lagThreshold}, used only if the host passed no target. */
    static final double DEFAULT_TARGET = 10;

    /** KEDA compares with its previous call, which comes a polling interval (30 s by default) later. */
    static final Duration DEFAULT_PERSISTENT_LAG_WINDOW = Duration.ofSeconds(30);

    LagSpec {
        Objects.requireNonNull(consumerGroup, "consumerGroup");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(offsetResetPolicy, "offsetResetPolicy");
        Objects.requireNonNull(partitionLimitation, "partitionLimitation");
        Objects.requireNonNull(persistentLagWindow, "persistentLagWindow");
        if (!(target > 0) || !Double.isFinite(target)) {
            throw new IllegalArgumentException("target must be a finite number > 0, got " + target);
        }
    }

    /**
     * Reads a binding's parameters, reporting every problem on {@code params}.
     *
     * @return the spec, or {@code null} if there were problems
     */
    static LagSpec read(Settings params) {
        String group = params.string("consumerGroup");
        if (group != null && group.isBlank()) {
            params.problem("consumerGroup", "must not be blank");
        }
        Optional<String> topic = params.optionalString("topic").map(String::strip);
        if (topic.isPresent() && topic.get().isEmpty()) {
            params.problem("topic", "must not be blank; leave it out to measure every topic the group has committed offsets for");
        }
        double target = params.positiveNumber("target", DEFAULT_TARGET);
        String policy = params.oneOf("offsetResetPolicy", "latest", "latest", "earliest");
        boolean scaleToZero = params.bool("scaleToZeroOnInvalidOffset", false);
        boolean allowIdle = params.bool("allowIdleConsumers", false);
        boolean limitToLag = params.bool("limitToPartitionsWithLag", false);
        boolean excludePersistent = params.bool("excludePersistentLag", false);
        if (allowIdle && limitToLag) {
            params.problem("limitToPartitionsWithLag", "cannot be combined with allowIdleConsumers: true "
                    + "(one removes the cap, the other tightens it); choose one");
        }
        Optional<PartitionLimitation> limitation = partitionLimitation(params, topic.isPresent());
        boolean even = ensureEvenDistribution(params, topic.isPresent(), limitToLag);
        Duration window = persistentLagWindow(params, excludePersistent);
        if (params.hasProblems() || group == null || policy == null) {
            return null;
        }
        return new LagSpec(group, topic, target, OffsetResetPolicy.of(policy), scaleToZero, allowIdle, limitToLag,
                excludePersistent, limitation, even, window);
    }

    private static boolean ensureEvenDistribution(Settings params, boolean hasTopic, boolean limitToLag) {
        boolean even = params.bool("ensureEvenDistributionOfPartitions", false);
        if (even && !hasTopic) {
            params.problem("ensureEvenDistributionOfPartitions", "needs 'topic': replicas divide the partitions of one topic");
        }
        if (even && limitToLag) {
            params.problem("ensureEvenDistributionOfPartitions", "cannot be combined with limitToPartitionsWithLag: true "
                    + "(one rounds replicas up to a divisor of the partition count, the other caps them at the partitions "
                    + "with lag); choose one");
        }
        return even;
    }

    private static Duration persistentLagWindow(Settings params, boolean excludePersistent) {
        if (params.has("persistentLagWindow") && !excludePersistent) {
            params.problem("persistentLagWindow", "has no effect without excludePersistentLag: true");
        }
        Duration window = params.duration("persistentLagWindow", DEFAULT_PERSISTENT_LAG_WINDOW);
        if (window.isNegative() || window.isZero()) {
            params.problem("persistentLagWindow", "must be positive, e.g. 30s (KEDA's default polling interval)");
            return DEFAULT_PERSISTENT_LAG_WINDOW;
        }
        return window;
    }

    private static Optional<PartitionLimitation> partitionLimitation(Settings params, boolean hasTopic) {
        Optional<String> text = params.optionalString("partitionLimitation");
        if (text.isEmpty() || text.get().isBlank()) {
            return Optional.empty();
        }
        if (!hasTopic) {
            params.problem("partitionLimitation", "needs 'topic': partition ids mean nothing across several topics");
            return Optional.empty();
        }
        try {
            return Optional.of(PartitionLimitation.parse(text.get()));
        } catch (IllegalArgumentException e) {
            params.problem("partitionLimitation", e.getMessage());
            return Optional.empty();
        }
    }

    /** Whether a partition without a committed offset needs the log start offset. */
    boolean needsLogStart() {
        return offsetResetPolicy == OffsetResetPolicy.EARLIEST && !scaleToZeroOnInvalidOffset;
    }

    /** E.g. {@code lag of group g on topic t (partitions 0-3)}. */
    String describe() {
        return "lag of group " + consumerGroup
                + topic.map(t -> " on topic " + t).orElse(" on every topic it committed offsets for")
                + partitionLimitation.map(p -> " (partitions " + p + ")").orElse("");
    }
}
