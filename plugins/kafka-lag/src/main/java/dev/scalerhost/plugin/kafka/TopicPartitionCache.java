package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The partition ids of topics, fetched with one {@code describeTopics} for every topic that is new,
 * older than the refresh interval, or known to have changed; so most refreshes send none.
 * A missing topic is remembered like a partition list, for the refresh interval (or until a group
 * commits on it), so that a misconfigured binding costs no request per refresh; other failures
 * (no answer, no permission) are asked again at the next refresh.
 */
final class TopicPartitionCache {

    private record Entry(Outcome<List<Integer>> outcome, Instant fetched) {

        boolean lacks(int partition) {
            return !(outcome instanceof Outcome.Ok<List<Integer>> ok) || !ok.value().contains(partition);
        }
    }

    private final Duration refreshInterval;
    private final Clock clock;
    private final Map<String, Entry> entries = new HashMap<>();

    TopicPartitionCache(Duration refreshInterval, Clock clock) {
        this.refreshInterval = Objects.requireNonNull(refreshInterval, "refreshInterval");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The partitions of {@code topics}.
     *
     * @param seen partitions known to exist (from committed offsets); one missing from the cached
     *             list means the topic grew, so it is fetched again
     */
    Map<String, Outcome<List<Integer>>> partitions(Set<String> topics, Collection<TopicPartition> seen,
                                                   KafkaRequests requests, Deadline deadline)
            throws KafkaUnavailableException {
        Instant now = clock.instant();
        Set<String> fetch = new HashSet<>();
        for (String topic : topics) {
            Entry entry = entries.get(topic);
            if (entry == null || !now.isBefore(entry.fetched().plus(refreshInterval))) {
                fetch.add(topic);
            }
        }
        for (TopicPartition partition : seen) {
            Entry entry = entries.get(partition.topic());
            if (topics.contains(partition.topic()) && entry != null && entry.lacks(partition.partition())) {
                fetch.add(partition.topic());
            }
        }
        Map<String, Outcome<List<Integer>>> result = new HashMap<>();
        if (!fetch.isEmpty()) {
            Map<String, Outcome<List<Integer>>> fetched = requests.partitions(fetch, deadline);
            fetched.forEach((topic, outcome) -> {
                if (outcome instanceof Outcome.Ok<List<Integer>>
                        || ((Outcome.Failed<List<Integer>>) outcome).failure() instanceof UnknownTopicOrPartitionException) {
                    entries.put(topic, new Entry(outcome, now));
                } else {
                    entries.remove(topic);
                }
            });
            result.putAll(fetched);
        }
        for (String topic : topics) {
            if (!result.containsKey(topic)) {
                result.put(topic, entries.get(topic).outcome());
            }
        }
        return result;
    }

    /** Forgets {@code topic}, e.g. after a partition of it was reported unknown. */
    void invalidate(String topic) {
        entries.remove(topic);
    }
}
