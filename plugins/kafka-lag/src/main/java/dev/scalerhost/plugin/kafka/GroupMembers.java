package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Deadline;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The members of every consumer group the source measures, from one {@code describeConsumerGroups}
 * of all of them at most once per {@code interval} (membership changes slowly), plus one as soon as a
 * group is seen for the first time. So the requests it adds do not grow with the number of bindings.
 * A failed describe keeps the previous answer (with the time it was made); members are then unknown
 * only for groups never described.
 */
final class GroupMembers {

    /**
     * The members of a group that have at least one of a binding's partitions, each with those of its
     * partitions, as one describe saw them.
     *
     * @param members        each active member's partitions among the binding's
     * @param groupSize       members of the whole group, including those holding none of the binding's
     *                        partitions (e.g. while a rebalance assigns them): 0 when no consumer runs
     * @param describedMillis when the describe was made: a change after it is not seen yet
     */
    record Assignment(List<Set<TopicPartition>> members, int groupSize, long describedMillis) {
        Assignment {
            members = members.stream().map(Set::copyOf).toList();
            groupSize = Math.max(groupSize, members.size());
        }

        /** A group whose every member holds some of the binding's partitions. */
        Assignment(List<Set<TopicPartition>> members, long describedMillis) {
            this(members, members.size(), describedMillis);
        }

        int count() {
            return members.size();
        }

        /** Whether the same members hold the same partitions, whenever each was described. */
        boolean sameAs(Assignment other) {
            return other != null && count() == other.count() && new HashSet<>(members).equals(new HashSet<>(other.members));
        }
    }

    private record Described(List<Set<TopicPartition>> members, long millis) {
    }

    private final Duration interval;
    private final Map<String, Described> assignments = new HashMap<>();
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
                assignments.put(group, new Described(ok.value(), nowMillis));
            }
        });
    }

    /**
     * The members of {@code group} that have at least one of {@code partitions} assigned, with the
     * size of the whole group, or empty if the group was never described successfully.
     */
    Optional<Assignment> assignment(String group, Collection<TopicPartition> partitions) {
        Described described = assignments.get(group);
        if (described == null) {
            return Optional.empty();
        }
        Set<TopicPartition> wanted = Set.copyOf(partitions);
        List<Set<TopicPartition>> members = described.members().stream().map(member -> {
            Set<TopicPartition> mine = new HashSet<>(member);
            mine.retainAll(wanted);
            return (Set<TopicPartition>) mine;
        }).filter(mine -> !mine.isEmpty()).toList();
        return Optional.of(new Assignment(members, described.members().size(), described.millis()));
    }
}
