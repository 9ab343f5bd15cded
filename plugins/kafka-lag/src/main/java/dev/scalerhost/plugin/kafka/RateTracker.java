package dev.scalerhost.plugin.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.common.TopicPartition;

/**
 * One binding's arrival and consume rates over a window, and the capacity per consumer learned from
 * them (see {@link CapacityLearner}). Arrival = growth of the log end offsets, consume = growth of
 * the committed offsets, both summed over the partitions present at both ends of the window.
 *
 * <p>It keeps the samples of the window plus those since the newest describe of the members, so that
 * capacity is learned only from windows that describe confirms, and at most {@link #MAX_KEPT_MILLIS}
 * beyond the window, if describes fail for long.
 */
final class RateTracker {

    /** How far beyond the window samples are kept at most while waiting for a describe of the members. */
    static final long MAX_KEPT_MILLIS = 10 * 60_000;

    /** One refresh's offsets of the binding's partitions and the group's members as last described. */
    record Sample(long millis, Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed,
                  Optional<GroupMembers.Assignment> assignment) {
        Sample {
            ends = Map.copyOf(ends);
            committed = Map.copyOf(committed);
            Objects.requireNonNull(assignment, "assignment");
        }

        OptionalInt members() {
            return assignment.map(a -> OptionalInt.of(a.count())).orElse(OptionalInt.empty());
        }
    }

    /**
     * What the window shows.
     *
     * @param arrivalRate      records per second produced, NaN until two samples span some time
     * @param consumeRate      records per second committed, NaN likewise
     * @param members          active members, or empty if unknown
     * @param capacity         learned records per second one consumer processes, or NaN if not learned yet
     * @param membersUnchanged whether the same members held the same partitions over the whole window,
     *                         so that the consume rate is what the current members do
     */
    record Rates(double arrivalRate, double consumeRate, OptionalInt members, double capacity, boolean membersUnchanged) {
        boolean known() {
            return !Double.isNaN(arrivalRate);
        }
    }

    private final long windowMillis;
    private final List<Sample> samples = new ArrayList<>();
    private final CapacityLearner capacity;

    RateTracker(Duration window) {
        this.windowMillis = window.toMillis();
        this.capacity = new CapacityLearner(windowMillis);
    }

    /** Adds one refresh's sample and returns the rates over the window that ends with it. */
    Rates add(Sample sample) {
        while (!samples.isEmpty() && samples.get(samples.size() - 1).millis() >= sample.millis()) {
            samples.remove(samples.size() - 1);
        }
        samples.add(sample);
        trim(sample);
        capacity.learn(samples);
        int first = windowStart(samples.size() - 1);
        Sample from = samples.get(first);
        double seconds = (sample.millis() - from.millis()) / 1000.0;
        if (first == samples.size() - 1 || seconds <= 0) {
            return new Rates(Double.NaN, Double.NaN, sample.members(), capacity.learned(), false);
        }
        double arrival = growth(from.ends(), sample.ends()) / seconds;
        double consume = growth(from.committed(), sample.committed()) / seconds;
        boolean unchanged = sample.assignment().isPresent();
        for (int i = first; i < samples.size() && unchanged; i++) {
            unchanged = sample.assignment().get().sameAs(samples.get(i).assignment().orElse(null));
        }
        return new Rates(arrival, consume, sample.members(), capacity.learned(), unchanged);
    }

    /** The newest sample at or before the window that ends at sample {@code end} begins, else the oldest, so the window is covered whole. */
    private int windowStart(int end) {
        long from = samples.get(end).millis() - windowMillis;
        for (int i = end - 1; i >= 0; i--) {
            if (samples.get(i).millis() <= from) {
                return i;
            }
        }
        return 0;
    }

    /** Drops the samples no window needs: neither the newest one nor the one ending at the newest describe. */
    private void trim(Sample newest) {
        long confirmed = newest.assignment().map(GroupMembers.Assignment::describedMillis).orElse(newest.millis());
        long keepFrom = Math.max(Math.min(confirmed, newest.millis()) - windowMillis,
                newest.millis() - windowMillis - MAX_KEPT_MILLIS);
        int drop = 0;
        while (drop + 2 < samples.size() && samples.get(drop + 1).millis() <= keepFrom) {
            drop++;
        }
        samples.subList(0, drop).clear();
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
