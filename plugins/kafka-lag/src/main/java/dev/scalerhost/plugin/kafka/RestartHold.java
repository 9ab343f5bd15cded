package dev.scalerhost.plugin.kafka;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The replicas figure while a group's consumers restart. When the group is described with no members
 * at all while its binding has a backlog, and members held the binding's partitions within the last
 * rate window, the consumers stopped: the figure then holds the highest member count of that window
 * until as many members are back and have held the same partitions for a whole rate window (so that
 * the rates show what they do). While no consumer runs the arrival and consume rates say nothing
 * about what the consumers can do, and while they rejoin the backlog grew only because they were
 * down: neither is a reason for fewer consumers than the group had, nor for more.
 *
 * <p>The hold ends early when the backlog is gone, or when the members have not changed for
 * {@code drainWithin} at another non-zero count (a consumer that did not come back, or a deployment
 * scaled by other means). It is never entered from a group that merely rebalances (its members are
 * present, without partitions) or that the host never saw with members.
 */
final class RestartHold {

    private record Count(long millis, int members) {
    }

    private final long windowMillis;
    private final long giveUpMillis;
    private final Deque<Count> recent = new ArrayDeque<>();
    private GroupMembers.Assignment last;
    private long changedMillis;
    private int held;

    /**
     * @param windowMillis  the rate window: how long the returning members must hold the same partitions,
     *                      and how far back the count the group had is taken from
     * @param giveUpMillis  drainWithin: how long an unchanged count other than the held one ends the hold
     */
    RestartHold(long windowMillis, long giveUpMillis) {
        this.windowMillis = windowMillis;
        this.giveUpMillis = giveUpMillis;
    }

    /**
     * Takes one refresh's members (as last described) and the binding's lag, and returns the member
     * count the figure holds, or 0 when it holds none.
     */
    int update(long millis, Optional<GroupMembers.Assignment> assignment, long lag) {
        if (assignment.isEmpty()) {
            return held;
        }
        GroupMembers.Assignment now = assignment.get();
        if (last == null || !now.sameAs(last) || now.groupSize() != last.groupSize()) {
            changedMillis = millis;
            last = now;
        }
        while (!recent.isEmpty() && recent.peekFirst().millis() < millis - windowMillis) {
            recent.pollFirst();
        }
        if (held == 0 && now.groupSize() == 0 && lag > 0) {
            held = recent.stream().mapToInt(Count::members).max().orElse(0);
        } else if (held > 0 && released(millis, now, lag)) {
            held = 0;
        }
        recent.addLast(new Count(millis, now.count()));
        return held;
    }

    private boolean released(long millis, GroupMembers.Assignment now, long lag) {
        long unchanged = millis - changedMillis;
        return lag <= 0
                || now.count() >= held && unchanged >= windowMillis
                || now.groupSize() > 0 && unchanged >= giveUpMillis;
    }
}
