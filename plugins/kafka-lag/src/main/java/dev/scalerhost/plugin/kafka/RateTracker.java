package dev.scalerhost.plugin.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.apache.kafka.common.TopicPartition;

/**
 * One binding's arrival and consume rates over a window, and the capacity per consumer learned from
 * them. Arrival = growth of the log end offsets, consume = growth of the committed offsets, both
 * summed over the partitions present at both ends of the window.
 *
 * <p>Capacity per consumer is the consume rate per active member, but only while the group had a
 * backlog the whole window (at least {@link #BUSY_SECONDS} seconds of work queued at every sample)
 * and the same number of members: a consumer with nothing to do shows its share of the arrivals,
 * not its capacity. Outside such windows a higher rate per member still raises the learned capacity,
 * since a consumer can do at least what it did.
 */
final class RateTracker {

    static final double BUSY_SECONDS = 10;

    /** One refresh's offsets of the binding's partitions. */
    record Sample(long millis, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed, long lag,
                  OptionalInt members) {
        Sample {
            ends = Map.copyOf(ends);
            committed = Map.copyOf(committed);
            Objects.requireNonNull(members, "members");
        }
    }

    /**
     * What the window shows.
     *
     * @param arrivalRate records per second produced, NaN until two samples span some time
     * @param consumeRate records per second committed, NaN likewise
     * @param members     active members, or empty if unknown
     * @param capacity    learned records per second one consumer processes, or NaN if not learned yet
     */
    record Rates(double arrivalRate, double consumeRate, OptionalInt members, double capacity) {
        boolean known() {
            return !Double.isNaN(arrivalRate);
        }
    }

    private final long windowMillis;
    private final Deque<Sample> samples = new ArrayDeque<>();
    private double learned = Double.NaN;

    RateTracker(Duration window) {
        this.windowMillis = window.toMillis();
    }

    /** Adds one refresh's sample and returns the rates over the window that ends with it. */
    Rates add(Sample sample) {
        while (!samples.isEmpty() && samples.peekLast().millis() >= sample.millis()) {
            samples.pollLast();
        }
        samples.addLast(sample);
        // Keep the newest sample at or before the window's start, so the window is covered whole.
        while (samples.size() > 2 && sample.millis() - secondOldest() >= windowMillis) {
            samples.pollFirst();
        }
        Sample first = samples.peekFirst();
        double seconds = (sample.millis() - first.millis()) / 1000.0;
        if (samples.size() < 2 || seconds <= 0) {
            return new Rates(Double.NaN, Double.NaN, sample.members(), learned);
        }
        double arrival = growth(first.ends(), sample.ends()) / seconds;
        double consume = growth(first.committed(), sample.committed()) / seconds;
        learn(consume, seconds);
        return new Rates(arrival, consume, sample.members(), learned);
    }

    private long secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next().millis();
    }

    private void learn(double consume, double seconds) {
        OptionalInt members = samples.peekFirst().members();
        if (members.isEmpty() || members.getAsInt() == 0 || consume <= 0
                || samples.stream().anyMatch(s -> !s.members().equals(members))) {
            return;
        }
        double perMember = consume / members.getAsInt();
        boolean busy = seconds * 1000 >= windowMillis / 2.0
                && samples.stream().allMatch(s -> s.lag() >= Math.max(1, consume * BUSY_SECONDS));
        if (busy || perMember > learned) {
            learned = perMember;
        }
    }

    private static long growth(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> entry : to.entrySet()) {
            Long before = from.get(entry.getKey());
            if (before != null) {
                total += Math.max(0, entry.getValue() - before);
            }
        }
        return total;
    }
}
