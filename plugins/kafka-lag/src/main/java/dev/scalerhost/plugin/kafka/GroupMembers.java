package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Deadline;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The members of every consumer group the source measures, from one {@code describeConsumerGroups}
 * of all of them at most once per {@code interval} (membership changes slowly), plus one as soon as a
 * group is seen for the first time. So the requests it adds do not grow with the number of bindings.
 * A failed describe keeps the previous answer; members are then unknown only for groups never described.
 */
final class GroupMembers {

    private final Duration interval;
    private final Map<String, List<Set<TopicPartition>>> assignments = new HashMap<>();
    private final Set<String> known = new LinkedHashSet<>();
    private long describedMillis = Long.MIN_VALUE;

    GroupMembers(Duration interval) {
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    /** Describes every known group if the interval passed or {@code groups} holds a new one. */
    void refreshIfDue(Collection<String> groups, KafkaRequests requests, long nowMillis, Deadline deadline)
            throws KafkaUnavailableException {
        boolean fresh = known.addAll(groups);
        if (!fresh && describedMillis != Long.MIN_VALUE && nowMillis - describedMillis < interval.toMillis()) {
            return;
        }
        describedMillis = nowMillis;
        requests.assignments(Set.copyOf(known), deadline).forEach((group, outcome) -> {
            if (outcome instanceof Outcome.Ok<List<Set<TopicPartition>>> ok) {
                assignments.put(group, ok.value());
            }
        });
    }

    /**
     * The members of {@code group} that have at least one of {@code partitions} assigned, or empty
     * if the group was never described successfully.
     */
    OptionalInt active(String group, Collection<TopicPartition> partitions) {
        List<Set<TopicPartition>> members = assignments.get(group);
        if (members == null) {
            return OptionalInt.empty();
        }
        Set<TopicPartition> wanted = Set.copyOf(partitions);
        return OptionalInt.of((int) members.stream().filter(m -> m.stream().anyMatch(wanted::contains)).count());
    }
}
