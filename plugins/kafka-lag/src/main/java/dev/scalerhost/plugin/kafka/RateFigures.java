package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The time and rate figures of a source's bindings: lag in seconds, arrival and consume rates,
 * members, capacity per consumer and the replicas figure, added to every reading as details and sent
 * as the value where the binding's {@code metric} asks for one of them.
 *
 * <p>Per refresh it records the log end offsets it was given anyway; it adds requests only for
 * committed offsets the history does not place closely (the log start offsets of those older than
 * anything seen, and look-ups of broker timestamps, each one request for all of them, at most
 * {@link #MAX_LOOKUPS} per refresh, until the history is close enough) and the members' describe on
 * its slower cadence.
 */
final class RateFigures {

    /** How far back broker timestamps are looked up at most. */
    static final Duration MAX_REACH = Duration.ofDays(30);
    /** The first look-up behind the oldest point reaches at least this much further back. */
    static final long MIN_STEP_MILLIS = 60_000;
    /** At most this many look-ups of broker timestamps per refresh (each one request for every partition that needs one). */
    static final int MAX_LOOKUPS = 8;
    /** Points this close in time place an offset well enough without a look-up. */
    static final long MIN_GAP_MILLIS = 2_000;

    private final EndOffsetHistory history = new EndOffsetHistory();
    private final GroupMembers members;
    private final Clock clock;
    private final Map<TopicPartition, Long> logStarts = new HashMap<>();
    private long now;

    RateFigures(Duration membersInterval, Clock clock) {
        this.members = new GroupMembers(membersInterval);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records this refresh's log end offsets and looks up what the batch's figures need. */
    void prepare(List<LagMetric> batch, Map<LagMetric, LagPlan> plans, Map<TopicPartition, Outcome<Long>> ends,
                 Map<TopicPartition, Outcome<Long>> starts, KafkaRequests requests, Deadline deadline) {
        now = clock.millis();
        logStarts.clear();
        Map<TopicPartition, Long> known = new HashMap<>();
        ends.forEach((partition, outcome) -> {
            if (outcome instanceof Outcome.Ok<Long> ok) {
                known.put(partition, ok.value());
            }
        });
        history.record(now, known);
        Set<String> groups = new LinkedHashSet<>();
        Map<TopicPartition, Long> oldestUnconsumed = new HashMap<>();
        Map<TopicPartition, Long> knownStarts = okValues(starts);
        for (LagMetric metric : batch) {
            LagPlan plan = plans.get(metric);
            if (plan.failure().isPresent()) {
                continue;
            }
            groups.add(metric.spec().consumerGroup());
            for (TopicPartition partition : plan.partitions()) {
                Long offset = unconsumed(metric.spec(), plan, partition, knownStarts);
                Long end = known.get(partition);
                EndOffsetHistory.Point oldest = history.oldest(partition);
                if (offset != null && end != null && offset < end) {
                    oldestUnconsumed.merge(partition, offset, Math::min);
                }
            }
        }
        try {
            members.refreshIfDue(groups, requests, now, deadline);
            if (!oldestUnconsumed.isEmpty()) {
                lookUpOlder(oldestUnconsumed, requests, deadline);
            }
        } catch (KafkaUnavailableException e) {
            // The lag itself was measured; the figures use what is known and the next refresh asks again.
        }
    }

    /**
     * Looks up broker timestamps where the history does not place an unconsumed offset closely
     * enough: below its oldest point (reaching back twice as far each refresh, after reading the log
     * start, since an offset below it counts from it), or between two points, one of them looked up,
     * further apart than {@link #MIN_GAP_MILLIS} and a twentieth of the record's age (halving the gap
     * each look-up). Between two points seen by refreshes it never looks up: that is the resolution
     * the refresh interval gives, and looking up there would add a request to every refresh.
     */
    private void lookUpOlder(Map<TopicPartition, Long> unconsumedOffsets, KafkaRequests requests, Deadline deadline)
            throws KafkaUnavailableException {
        Map<TopicPartition, Long> unconsumed = new HashMap<>(unconsumedOffsets);
        Set<TopicPartition> beyond = new LinkedHashSet<>();
        unconsumed.forEach((partition, offset) -> {
            EndOffsetHistory.Point oldest = history.oldest(partition);
            if (oldest != null && offset < oldest.offset()) {
                beyond.add(partition);
            }
        });
        if (!beyond.isEmpty()) {
            requests.offsets(beyond, OffsetSpec.earliest(), deadline).forEach((partition, outcome) -> {
                if (outcome instanceof Outcome.Ok<Long> ok) {
                    logStarts.put(partition, ok.value());
                }
            });
        }
        for (int round = 0; round < MAX_LOOKUPS && deadline.remainingMillis() > 0; round++) {
            Map<TopicPartition, Long> times = lookUpTimes(unconsumed);
            if (times.isEmpty()) {
                return;
            }
            requests.offsetsAt(times, deadline).forEach((partition, outcome) -> {
                if (outcome instanceof Outcome.Ok<ListOffsetsResult.ListOffsetsResultInfo> ok && ok.value().offset() >= 0) {
                    history.recordLookUp(partition, ok.value().offset(), times.get(partition), ok.value().timestamp());
                } else if (outcome instanceof Outcome.Ok<ListOffsetsResult.ListOffsetsResultInfo>
                        && history.newest(partition) != null) {
                    // No record at or after that time: every record up to the log end is older.
                    long time = times.get(partition);
                    history.recordLookUp(partition, history.newest(partition).offset(), time, time);
                } else {
                    unconsumed.remove(partition);
                }
            });
        }
    }

    /** The time to look up for each partition whose unconsumed offset the history does not place closely enough. */
    private Map<TopicPartition, Long> lookUpTimes(Map<TopicPartition, Long> unconsumed) {
        Map<TopicPartition, Long> times = new HashMap<>();
        unconsumed.forEach((partition, offset) -> {
            long from = Math.max(offset, logStarts.getOrDefault(partition, offset));
            EndOffsetHistory.Point oldest = history.oldest(partition);
            EndOffsetHistory.Point below = history.atOrBelow(partition, from);
            EndOffsetHistory.Point above = history.above(partition, from);
            if (oldest != null && from < oldest.offset()) {
                long time = oldest.firstMillis() - Math.max(MIN_STEP_MILLIS, now - oldest.firstMillis());
                if (now - oldest.firstMillis() < MAX_REACH.toMillis()) {
                    times.put(partition, Math.max(time, now - MAX_REACH.toMillis()));
                }
            } else if (below != null && above != null && (below.lookedUp() || above.lookedUp())) {
                long gap = above.firstMillis() - below.lastMillis();
                if (gap > Math.max(MIN_GAP_MILLIS, (now - below.lastMillis()) / 20)) {
                    times.put(partition, below.lastMillis() + gap / 2);
                }
            }
        });
        return times;
    }

    /** The binding's reading with the figures as details, and as its value if its metric is one of them. */
    Reading.Value apply(LagMetric metric, LagPlan plan, Reading.Value lagReading, Map<TopicPartition, Long> end,
                        Map<TopicPartition, Long> start) {
        LagSpec spec = metric.spec();
        RateSpec rateSpec = metric.rateSpec();
        double lagSeconds = 0;
        boolean extrapolated = false;
        for (TopicPartition partition : plan.partitions()) {
            Long offset = unconsumed(spec, plan, partition, start);
            if (offset == null) {
                continue;
            }
            long from = Math.max(offset, logStarts.getOrDefault(partition, offset));
            LagSecondsEstimator.Estimate estimate = LagSecondsEstimator.estimate(history, partition, from,
                    end.get(partition), now);
            if (estimate.seconds() > lagSeconds) {
                lagSeconds = estimate.seconds();
                extrapolated = estimate.beyondHistory();
            }
        }
        long lag = Math.round(lagReading.details().getOrDefault("lag", lagReading.activationValue()));
        Optional<GroupMembers.Assignment> assignment = members.assignment(spec.consumerGroup(), plan.partitions());
        Map<TopicPartition, Long> ends = new HashMap<>();
        plan.partitions().forEach(partition -> ends.put(partition, end.get(partition)));
        RateTracker.Rates rates = metric.rates().add(new RateTracker.Sample(now, ends, plan.committed(), assignment));
        OptionalInt active = rates.members();
        int held = metric.restartHold().update(now, assignment, lag);
        double capacity = Double.isNaN(rates.capacity()) ? rateSpec.ratePerReplica().orElse(Double.NaN) : rates.capacity();

        Reading.Value out = lagReading.withDetail("lagSeconds", round(lagSeconds))
                .withDetail("lagSecondsExtrapolated", extrapolated ? 1 : 0);
        if (rates.known()) {
            out = out.withDetail("arrivalRate", round(rates.arrivalRate())).withDetail("consumeRate", round(rates.consumeRate()));
        }
        if (active.isPresent()) {
            out = out.withDetail("members", active.getAsInt());
        }
        if (held > 0) {
            out = out.withDetail("restartHold", held);
        }
        int replicas = -1;
        if (capacity > 0) {
            replicas = ReplicasCalculator.replicas(rates.arrivalRate(), lag, rateSpec.drainWithin(), capacity,
                    plan.partitions().size(), spec.allowIdleConsumers());
            replicas = ReplicasCalculator.notMoreThanCatchingUp(replicas, active.orElse(0), rates.arrivalRate(),
                    rates.consumeRate(), rates.membersUnchanged(), lag, rateSpec.drainWithin());
            replicas = ReplicasCalculator.withinTolerance(replicas, active.orElse(0), rates.arrivalRate(), lag,
                    rateSpec.drainWithin(), capacity);
            replicas = held > 0 ? held : replicas;
            out = out.withDetail("capacityPerConsumer", round(capacity)).withDetail("replicas", replicas);
        }
        return switch (rateSpec.metric()) {
            case LAG -> out;
            case LAG_SECONDS -> new Reading.Value(round(lagSeconds), round(lagSeconds), out.details());
            case REPLICAS -> new Reading.Value(replicas, replicas, out.details());
        };
    }

    /** The first offset the group has not consumed, or null if the partition counts no backlog (uncommitted under latest). */
    private static Long unconsumed(LagSpec spec, LagPlan plan, TopicPartition partition, Map<TopicPartition, Long> start) {
        Long committed = plan.committed().get(partition);
        if (committed != null) {
            return committed;
        }
        return spec.needsLogStart() ? start.get(partition) : null;
    }

    private static Map<TopicPartition, Long> okValues(Map<TopicPartition, Outcome<Long>> outcomes) {
        Map<TopicPartition, Long> values = new HashMap<>();
        outcomes.forEach((partition, outcome) -> {
            if (outcome instanceof Outcome.Ok<Long> ok) {
                values.put(partition, ok.value());
            }
        });
        return values;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
