package dev.scalerhost.plugin.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Capacity per consumer, learned from a binding's samples: the average consume rate of the members
 * that were busy over a whole window. A member is busy over an interval between two refreshes when
 * its partitions' backlog at the start was at least {@link #BUSY_MARGIN} times what it committed in
 * the interval (so it never ran out of work) and it committed something (a stalled member, e.g. one
 * in a rebalance or just started, shows a pause, not its capacity). A consumer with nothing to do
 * shows its share of the arrivals, not its capacity, so idle members teach nothing, except that a
 * consumer can do at least what it did: a higher rate per member than the learned one raises it.
 *
 * <p>Members come from a describe made on its own, slower cadence, so a window is used only when the
 * same members held the same partitions at every sample of it and at the newest describe, made
 * at or after the window's end: a change within the window, even one not described yet when the
 * window ended, keeps it from teaching anything (a window in which consumers stopped or started would
 * otherwise teach a capacity a fraction or a multiple of the true one).
 */
final class CapacityLearner {

    /** Backlog at the start of an interval, in multiples of what the member then committed, for it to count as busy. */
    static final double BUSY_MARGIN = 2;

    private final long windowMillis;
    private double learned = Double.NaN;

    CapacityLearner(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** Records per second one consumer processes, or NaN until learned. */
    double learned() {
        return learned;
    }

    /** Learns from the newest window of {@code samples} (oldest first) that the newest describe confirms. */
    void learn(List<RateTracker.Sample> samples) {
        GroupMembers.Assignment assignment = samples.get(samples.size() - 1).assignment().orElse(null);
        if (assignment == null || assignment.count() == 0) {
            return;
        }
        List<RateTracker.Sample> window = confirmedWindow(samples, assignment);
        if (window.isEmpty()) {
            return;
        }
        double seconds = (window.get(window.size() - 1).millis() - window.get(0).millis()) / 1000.0;
        List<Double> busyRates = new ArrayList<>();
        long consumed = 0;
        int measured = 0;
        for (Set<TopicPartition> member : assignment.members()) {
            long done = 0;
            boolean busy = true;
            for (int i = 0; i + 1 < window.size() && done >= 0; i++) {
                long backlog = backlog(window.get(i), member);
                long committed = committed(window.get(i), window.get(i + 1), member);
                busy &= committed > 0 && backlog >= BUSY_MARGIN * committed;
                done = backlog < 0 || committed < 0 ? -1 : done + committed;
            }
            if (done < 0) {
                continue;
            }
            measured++;
            consumed += done;
            if (busy) {
                busyRates.add(done / seconds);
            }
        }
        if (!busyRates.isEmpty()) {
            learned = busyRates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        } else if (measured > 0 && consumed / seconds / measured > learned) {
            // A consumer can do at least what it did. Until a busy window taught a capacity (NaN compares
            // false), an idle group's rate per member is its share of the arrivals: ratePerReplica stays.
            learned = consumed / seconds / measured;
        }
    }

    /**
     * The samples of the window that ends at the newest describe, if it spans at least half the window
     * length and the members held the same partitions at every sample from its start to the newest;
     * else empty.
     */
    private List<RateTracker.Sample> confirmedWindow(List<RateTracker.Sample> samples, GroupMembers.Assignment assignment) {
        int end = samples.size() - 1;
        while (end >= 0 && samples.get(end).millis() > assignment.describedMillis()) {
            end--;
        }
        if (end < 1) {
            return List.of();
        }
        int start = 0;
        for (int i = end - 1; i >= 0; i--) {
            if (samples.get(i).millis() <= samples.get(end).millis() - windowMillis) {
                start = i;
                break;
            }
        }
        if (samples.get(end).millis() - samples.get(start).millis() < windowMillis / 2.0) {
            return List.of();
        }
        for (int i = start; i < samples.size(); i++) {
            if (!assignment.sameAs(samples.get(i).assignment().orElse(null))) {
                return List.of();
            }
        }
        return samples.subList(start, end + 1);
    }

    /** Records behind on the member's partitions at a sample, or -1 if an offset is unknown. */
    private static long backlog(RateTracker.Sample sample, Set<TopicPartition> member) {
        return gap(member, sample.committed(), sample.ends());
    }

    /** Records the member committed between two samples, or -1 if an offset is unknown. */
    private static long committed(RateTracker.Sample from, RateTracker.Sample to, Set<TopicPartition> member) {
        return gap(member, from.committed(), to.committed());
    }

    /** Records {@code to} is ahead of {@code from} on the member's partitions, none counted below 0, or -1 if an offset is unknown. */
    private static long gap(Set<TopicPartition> member, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        long total = 0;
        for (TopicPartition partition : member) {
            Long before = from.get(partition);
            Long after = to.get(partition);
            if (before == null || after == null) {
                return -1;
            }
            total += Math.max(0, after - before);
        }
        return total;
    }
}
