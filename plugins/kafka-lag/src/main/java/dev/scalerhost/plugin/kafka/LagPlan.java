package dev.scalerhost.plugin.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Which partitions one binding covers in this refresh and what its group committed on them, or why
 * it cannot be measured.
 *
 * @param partitions the partitions it covers (after partitionLimitation)
 * @param committed  the group's committed offsets on them
 * @param failure    the reason it cannot be measured, or empty
 */
record LagPlan(List<TopicPartition> partitions, Map<TopicPartition, Long> committed, Optional<String> failure) {

    LagPlan {
        partitions = List.copyOf(partitions);
        committed = Map.copyOf(committed);
        Objects.requireNonNull(failure, "failure");
    }

    static LagPlan failed(String message) {
        return new LagPlan(List.of(), Map.of(), Optional.of(message));
    }

    /** The topics a binding needs partition lists for: its topic, or those its group committed on. */
    static Set<String> topicsOf(LagSpec spec, Map<TopicPartition, Long> groupCommitted) {
        if (spec.topic().isPresent()) {
            return Set.of(spec.topic().get());
        }
        Set<String> topics = new TreeSet<>();
        groupCommitted.keySet().forEach(partition -> topics.add(partition.topic()));
        return topics;
    }

    /**
     * Plans one binding whose group answered.
     *
     * @param groupCommitted   the group's committed offsets on every topic
     * @param topicPartitions  partition lists (or failures) of at least {@link #topicsOf} topics
     */
    static LagPlan of(LagSpec spec, Map<TopicPartition, Long> groupCommitted,
                      Map<String, Outcome<List<Integer>>> topicPartitions) {
        if (spec.topic().isEmpty() && groupCommitted.isEmpty()) {
            // KEDA describes every topic of the cluster here (its issue #8104); a lag over all of them means nothing.
            return failed("consumer group " + spec.consumerGroup() + " has no committed offsets (it never committed, "
                    + "or does not exist yet), and with topic omitted only the topics it committed on are measured: "
                    + "set topic, so that its partitions count under offsetResetPolicy until the group commits");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topicsOf(spec, groupCommitted)) {
            Outcome<List<Integer>> outcome = topicPartitions.get(topic);
            if (outcome instanceof Outcome.Failed<List<Integer>> failed) {
                boolean gone = failed.failure() instanceof UnknownTopicOrPartitionException;
                if (gone && spec.topic().isEmpty()) {
                    // Offsets left behind on a deleted topic are no backlog.
                    continue;
                }
                return failed("topic " + topic + " (group " + spec.consumerGroup() + "): "
                        + (gone ? "the topic does not exist" : KafkaErrors.cause(failed.failure())));
            }
            List<Integer> ids = ((Outcome.Ok<List<Integer>>) outcome).value();
            int before = partitions.size();
            for (int id : ids) {
                if (spec.partitionLimitation().map(l -> l.includes(id)).orElse(true)) {
                    partitions.add(new TopicPartition(topic, id));
                }
            }
            if (partitions.size() == before && spec.partitionLimitation().isPresent()) {
                return failed("partitionLimitation " + spec.partitionLimitation().get() + " matches none of the "
                        + ids.size() + " partitions of topic " + topic + " (ids 0-" + (ids.size() - 1) + ")");
            }
        }
        Map<TopicPartition, Long> committed = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long offset = groupCommitted.get(partition);
            if (offset != null) {
                committed.put(partition, offset);
            }
        }
        return new LagPlan(partitions, committed, Optional.empty());
    }

    /** The partitions whose log start offset the binding needs: uncommitted ones under earliest. */
    List<TopicPartition> needingLogStart(LagSpec spec) {
        if (!spec.needsLogStart()) {
            return List.of();
        }
        return partitions.stream().filter(p -> !committed.containsKey(p)).toList();
    }
}
