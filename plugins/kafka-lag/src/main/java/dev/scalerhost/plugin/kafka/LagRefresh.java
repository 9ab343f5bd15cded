package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * One refresh of a batch: committed offsets of every group in one call, partition lists from the
 * cache, log end offsets of the union of partitions in one call, log start offsets in one more
 * only where a binding needs them. A group, topic or partition that fails fails only the bindings
 * that use it.
 */
final class LagRefresh {

    private final KafkaRequests requests;
    private final TopicPartitionCache topics;
    private final Clock clock;
    private final String bootstrapServers;
    private final RateFigures rateFigures;

    LagRefresh(KafkaRequests requests, TopicPartitionCache topics, Clock clock, String bootstrapServers,
            RateFigures rateFigures) {
        this.requests = Objects.requireNonNull(requests, "requests");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.rateFigures = Objects.requireNonNull(rateFigures, "rateFigures");
    }

    /** Measures {@code batch}: a reading (value or failure) for every metric, or an exception if the cluster did not answer. */
    Map<LagMetric, Reading> run(List<LagMetric> batch, Deadline deadline) throws KafkaUnavailableException {
        Set<String> groups = new LinkedHashSet<>();
        batch.forEach(m -> groups.add(m.spec().consumerGroup()));
        Map<String, Outcome<Map<TopicPartition, Long>>> committed = requests.committedOffsets(groups, deadline);
        Map<String, String> groupFailures = groupFailures(committed);
        Instant now = clock.instant();

        Set<String> wantedTopics = new LinkedHashSet<>();
        Set<TopicPartition> seen = new LinkedHashSet<>();
        for (LagMetric metric : batch) {
            if (committed.get(metric.spec().consumerGroup()) instanceof Outcome.Ok<Map<TopicPartition, Long>> ok) {
                wantedTopics.addAll(LagPlan.topicsOf(metric.spec(), ok.value()));
                seen.addAll(ok.value().keySet());
            }
        }
        Map<String, Outcome<List<Integer>>> partitionLists = wantedTopics.isEmpty()
                ? Map.of() : topics.partitions(wantedTopics, seen, requests, deadline);

        Map<LagMetric, LagPlan> plans = new HashMap<>();
        Set<TopicPartition> latest = new LinkedHashSet<>();
        Set<TopicPartition> earliest = new LinkedHashSet<>();
        for (LagMetric metric : batch) {
            String group = metric.spec().consumerGroup();
            LagPlan plan = groupFailures.containsKey(group)
                    ? LagPlan.failed(groupFailures.get(group))
                    : LagPlan.of(metric.spec(), ((Outcome.Ok<Map<TopicPartition, Long>>) committed.get(group)).value(),
                            partitionLists);
            plans.put(metric, plan);
            latest.addAll(plan.partitions());
            earliest.addAll(plan.needingLogStart(metric.spec()));
        }
        Map<TopicPartition, Outcome<Long>> ends = latest.isEmpty()
                ? Map.of() : requests.offsets(latest, OffsetSpec.latest(), deadline);
        Map<TopicPartition, Outcome<Long>> starts = earliest.isEmpty()
                ? Map.of() : requests.offsets(earliest, OffsetSpec.earliest(), deadline);

        rateFigures.prepare(batch, plans, ends, starts, requests, deadline);
        Map<LagMetric, Reading> readings = new HashMap<>();
        for (LagMetric metric : batch) {
            readings.put(metric, reading(metric, plans.get(metric), ends, starts, now));
        }
        return readings;
    }

    /**
     * Groups whose committed offsets could not be read. A group that never committed, or does not
     * exist, is no failure: Kafka answers it with no offsets, and its partitions count under the
     * binding's offsetResetPolicy, as in KEDA.
     */
    private static Map<String, String> groupFailures(Map<String, Outcome<Map<TopicPartition, Long>>> committed) {
        Map<String, String> failed = new HashMap<>();
        committed.forEach((group, outcome) -> {
            if (outcome instanceof Outcome.Failed<Map<TopicPartition, Long>> failure) {
                failed.put(group, "consumer group " + group + ": cannot read its committed offsets: "
                        + KafkaErrors.cause(failure.failure()));
            }
        });
        return failed;
    }

    private Reading reading(LagMetric metric, LagPlan plan, Map<TopicPartition, Outcome<Long>> ends,
                            Map<TopicPartition, Outcome<Long>> starts, Instant now) {
        if (plan.failure().isPresent()) {
            return Reading.failure(plan.failure().get());
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        Map<TopicPartition, Long> start = new HashMap<>();
        for (TopicPartition partition : plan.partitions()) {
            String problem = collect(partition, ends, end);
            if (problem == null && plan.needingLogStart(metric.spec()).contains(partition)) {
                problem = collect(partition, starts, start);
            }
            if (problem != null) {
                return Reading.failure("partition " + partition + " (group " + metric.spec().consumerGroup()
                        + "): cannot read its offsets: " + problem);
            }
        }
        Reading.Value value = LagCalculator.compute(metric.spec(), plan.partitions(), plan.committed(), end, start,
                metric.commitHistory(), now);
        metric.commitHistory().record(plan.committed(), now);
        return rateFigures.apply(metric, plan, value, end, start);
    }

    /** Puts {@code partition}'s offset into {@code into}, or returns why there is none. */
    private String collect(TopicPartition partition, Map<TopicPartition, Outcome<Long>> offsets,
                           Map<TopicPartition, Long> into) {
        Outcome<Long> outcome = offsets.get(partition);
        if (outcome instanceof Outcome.Ok<Long> ok) {
            into.put(partition, ok.value());
            return null;
        }
        Throwable failure = ((Outcome.Failed<Long>) outcome).failure();
        if (failure instanceof UnknownTopicOrPartitionException) {
            topics.invalidate(partition.topic());
        }
        return KafkaErrors.cause(failure);
    }
}
