package dev.scalerhost.plugin.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.TopicPartition;

/**
 * Since when each partition's committed offset has stood still, as far as one binding has seen, for
 * {@code excludePersistentLag}. KEDA compares a committed offset with its previous call, a polling
 * interval earlier; judging over a window of time instead keeps the verdict independent of how
 * often the host refreshes.
 */
final class CommitHistory {

    private record Seen(long offset, Instant since) {
    }

    private Map<TopicPartition, Seen> seen = Map.of();

    /** Whether {@code partition}'s committed offset has been {@code offset} for at least {@code window} as of {@code now}. */
    boolean unchangedFor(TopicPartition partition, long offset, Instant now, Duration window) {
        Seen last = seen.get(partition);
        return last != null && last.offset() == offset && !now.isBefore(last.since().plus(window));
    }

    /** Records one measurement's committed offsets; partitions without a commit are forgotten. */
    void record(Map<TopicPartition, Long> committed, Instant now) {
        Objects.requireNonNull(now, "now");
        Map<TopicPartition, Seen> next = new HashMap<>();
        committed.forEach((partition, offset) -> {
            Seen last = seen.get(partition);
            next.put(partition, last != null && last.offset() == offset ? last : new Seen(offset, now));
        });
        seen = Map.copyOf(next);
    }
}
