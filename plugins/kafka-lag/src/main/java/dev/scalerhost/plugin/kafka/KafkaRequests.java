package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Deadline;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.AbstractOptions;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * The Admin calls of one refresh, each bounded by the deadline and each answering per key. A call
 * whose every key failed because the cluster did not answer throws {@link KafkaUnavailableException}.
 */
final class KafkaRequests {

    /** Counts one Admin call ({@code api}) and one failed key ({@code code}). */
    interface Listener {
        void request(String api);

        void error(String code);
    }

    private final Admin admin;
    private final Listener listener;

    KafkaRequests(Admin admin, Listener listener) {
        this.admin = Objects.requireNonNull(admin, "admin");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Committed offsets of every group, in one call. Partitions without a commit are absent; a group
     * that does not exist has none.
     */
    Map<String, Outcome<Map<TopicPartition, Long>>> committedOffsets(Set<String> groups, Deadline deadline)
            throws KafkaUnavailableException {
        Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream()
                .collect(Collectors.toMap(Function.identity(), g -> new ListConsumerGroupOffsetsSpec()));
        var result = admin.listConsumerGroupOffsets(specs, options(new ListConsumerGroupOffsetsOptions(), deadline));
        listener.request("listConsumerGroupOffsets");
        Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> futures = new HashMap<>();
        groups.forEach(group -> futures.put(group, result.partitionsToOffsetAndMetadata(group)));
        Map<String, Outcome<Map<TopicPartition, Long>>> committed = await("listConsumerGroupOffsets", futures, deadline,
                offsets -> {
                    Map<TopicPartition, Long> valid = new HashMap<>();
                    offsets.forEach((partition, offset) -> {
                        if (offset != null && offset.offset() >= 0) {
                            valid.put(partition, offset.offset());
                        }
                    });
                    return valid;
                });
        committed.replaceAll((group, outcome) -> outcome instanceof Outcome.Failed<Map<TopicPartition, Long>> failed
                && failed.failure() instanceof GroupIdNotFoundException ? Outcome.ok(Map.of()) : outcome);
        return committed;
    }

    /** The partition ids of each topic, in one call. */
    Map<String, Outcome<List<Integer>>> partitions(Set<String> topics, Deadline deadline) throws KafkaUnavailableException {
        var result = admin.describeTopics(topics, options(new DescribeTopicsOptions(), deadline));
        listener.request("describeTopics");
        return await("describeTopics", result.topicNameValues(), deadline, (TopicDescription description) ->
                description.partitions().stream().map(TopicPartitionInfo::partition).sorted().toList());
    }

    /** The offsets {@code spec} names (latest or earliest) of every partition, in one call. */
    Map<TopicPartition, Outcome<Long>> offsets(Set<TopicPartition> partitions, OffsetSpec spec, Deadline deadline)
            throws KafkaUnavailableException {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> spec));
        ListOffsetsResult result = admin.listOffsets(request, options(new ListOffsetsOptions(), deadline));
        listener.request("listOffsets");
        Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> futures = new HashMap<>();
        partitions.forEach(partition -> futures.put(partition, result.partitionResult(partition)));
        return await("listOffsets", futures, deadline, ListOffsetsResult.ListOffsetsResultInfo::offset);
    }

    /** The partitions assigned to each member of each group, in one call (a member without an assignment, e.g. during a rebalance, has an empty set). */
    Map<String, Outcome<List<Set<TopicPartition>>>> assignments(Set<String> groups, Deadline deadline)
            throws KafkaUnavailableException {
        var result = admin.describeConsumerGroups(groups, options(new DescribeConsumerGroupsOptions(), deadline));
        listener.request("describeConsumerGroups");
        return await("describeConsumerGroups", result.describedGroups(), deadline, description ->
                description.members().stream().map(member -> (Set<TopicPartition>) Set.copyOf(
                        member.assignment().topicPartitions())).toList());
    }

    /** The first offset at or after a time, and that record's timestamp, of every partition, in one call. */
    Map<TopicPartition, Outcome<ListOffsetsResult.ListOffsetsResultInfo>> offsetsAt(Map<TopicPartition, Long> times,
                                                                                     Deadline deadline)
            throws KafkaUnavailableException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        times.forEach((partition, time) -> request.put(partition, OffsetSpec.forTimestamp(time)));
        ListOffsetsResult result = admin.listOffsets(request, options(new ListOffsetsOptions(), deadline));
        listener.request("listOffsets");
        Map<TopicPartition, KafkaFuture<ListOffsetsResult.ListOffsetsResultInfo>> futures = new HashMap<>();
        times.keySet().forEach(partition -> futures.put(partition, result.partitionResult(partition)));
        return await("listOffsets", futures, deadline, Function.identity());
    }

    private static <O extends AbstractOptions<O>> O options(O options, Deadline deadline) throws KafkaUnavailableException {
        long remaining = deadline.remainingMillis();
        if (remaining <= 0) {
            throw new KafkaUnavailableException("the deadline passed before the Kafka request was sent", null);
        }
        // Stop the client a little before the deadline, so that a key that never answers (a partition
        // without a leader) fails alone and the other keys' answers still reach the host in time.
        long margin = Math.min(remaining / 10, 200);
        return options.timeoutMs((int) Math.min(Integer.MAX_VALUE, Math.max(1, remaining - margin)));
    }

    private <K, V, R> Map<K, Outcome<R>> await(String api, Map<K, KafkaFuture<V>> futures, Deadline deadline,
                                               Function<V, R> convert) throws KafkaUnavailableException {
        Map<K, Outcome<R>> outcomes = new HashMap<>();
        for (Map.Entry<K, KafkaFuture<V>> entry : futures.entrySet()) {
            Outcome<R> outcome;
            try {
                outcome = Outcome.ok(convert.apply(entry.getValue().get(Math.max(1, deadline.remainingMillis()),
                        TimeUnit.MILLISECONDS)));
            } catch (ExecutionException e) {
                outcome = Outcome.failed(e);
            } catch (java.util.concurrent.TimeoutException e) {
                outcome = Outcome.failed(new TimeoutException("no answer before the deadline"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException(api + " was interrupted", e);
            }
            if (outcome instanceof Outcome.Failed<R> failed) {
                listener.error(KafkaErrors.code(failed.failure()));
            }
            outcomes.put(entry.getKey(), outcome);
        }
        throwIfUnreachable(api, outcomes);
        return outcomes;
    }

    private static <K, R> void throwIfUnreachable(String api, Map<K, Outcome<R>> outcomes) throws KafkaUnavailableException {
        if (outcomes.isEmpty()) {
            return;
        }
        Throwable unreachable = null;
        for (Outcome<R> outcome : outcomes.values()) {
            if (!(outcome instanceof Outcome.Failed<R> failed) || !KafkaErrors.isUnreachable(failed.failure())) {
                return;
            }
            unreachable = failed.failure();
        }
        throw new KafkaUnavailableException(api + " failed: " + KafkaErrors.cause(unreachable), unreachable);
    }
}
