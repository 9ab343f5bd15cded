package dev.scalerhost.plugin.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group on a fake clock, no broker: records arrive round-robin on the partitions, each
 * running member processes up to its capacity per second from its partitions (partition i goes to
 * member i mod members) and commits at every step, and the members are described every
 * {@code describeEveryMillis}, as the source does on its own cadence. Members that just (re)joined
 * process nothing until {@code joinMillis} have passed, as in a rebalance.
 */
final class FakeGroup {

    private final List<TopicPartition> partitions = new ArrayList<>();
    private final long[] ends;
    private final long[] committed;
    private final double capacity;
    private final long describeEveryMillis;
    private final long joinMillis;
    private double owedArrivals;
    private long produced;
    private double[] owedWork = new double[0];
    private int members;
    private long joinedUntil;
    private long millis;
    private long describedMillis = Long.MIN_VALUE;
    private List<Set<TopicPartition>> described = List.of();

    FakeGroup(int partitionCount, int members, double capacity, long describeEveryMillis, long joinMillis) {
        for (int p = 0; p < partitionCount; p++) {
            partitions.add(new TopicPartition("fake", p));
        }
        this.ends = new long[partitionCount];
        this.committed = new long[partitionCount];
        this.capacity = capacity;
        this.describeEveryMillis = describeEveryMillis;
        this.joinMillis = joinMillis;
        scaleTo(members);
        joinedUntil = 0;
    }

    /** Adds backlog: {@code records} on every partition, produced now. */
    void backlog(long records) {
        for (int p = 0; p < ends.length; p++) {
            ends[p] += records;
        }
    }

    /** Sets the running members; the new assignment takes effect after the join time, like a rebalance. */
    void scaleTo(int count) {
        members = count;
        owedWork = new double[count];
        joinedUntil = millis + joinMillis;
    }

    int members() {
        return members;
    }

    long lag() {
        long lag = 0;
        for (int p = 0; p < ends.length; p++) {
            lag += ends[p] - committed[p];
        }
        return lag;
    }

    /** Advances the clock by one step, producing {@code arrivalPerSecond} and processing what the members can. */
    void step(long stepMillis, double arrivalPerSecond) {
        millis += stepMillis;
        owedArrivals += arrivalPerSecond * stepMillis / 1000.0;
        while (owedArrivals >= 1) {
            ends[(int) (produced++ % ends.length)]++;
            owedArrivals--;
        }
        if (millis >= joinedUntil) {
            for (int m = 0; m < members; m++) {
                owedWork[m] += capacity * stepMillis / 1000.0;
                for (int p = m; p < ends.length && owedWork[m] >= 1; p += members) {
                    long take = Math.min(ends[p] - committed[p], (long) owedWork[m]);
                    committed[p] += take;
                    owedWork[m] -= take;
                }
                owedWork[m] = Math.min(owedWork[m], capacity * stepMillis / 1000.0);
            }
        }
        if (describedMillis == Long.MIN_VALUE || millis - describedMillis >= describeEveryMillis) {
            describedMillis = millis;
            described = assignment();
        }
    }

    /** What the source's refresh sees now. */
    RateTracker.Sample sample() {
        Map<TopicPartition, Long> endOffsets = new HashMap<>();
        Map<TopicPartition, Long> commits = new HashMap<>();
        for (int p = 0; p < ends.length; p++) {
            endOffsets.put(partitions.get(p), ends[p]);
            commits.put(partitions.get(p), committed[p]);
        }
        return new RateTracker.Sample(millis, endOffsets, commits,
                Optional.of(new GroupMembers.Assignment(described, describedMillis)));
    }

    private List<Set<TopicPartition>> assignment() {
        List<Set<TopicPartition>> assignment = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            Set<TopicPartition> mine = new HashSet<>();
            for (int p = m; p < ends.length; p += members) {
                mine.add(partitions.get(p));
            }
            if (!mine.isEmpty()) {
                assignment.add(mine);
            }
        }
        return assignment;
    }
}
