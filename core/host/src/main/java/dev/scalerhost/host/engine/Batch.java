package dev.scalerhost.host.engine;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One {@code measure(...)} call of a source, planned or running. Guarded by its worker's lock.
 *
 * <p>{@link #done} completes when the results are applied or when the batch times out, whichever
 * comes first: that is what callers wait for. The call itself may run on after a timeout.
 */
final class Batch {

    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Set<MeasuredState> members = new LinkedHashSet<>();
    private Duration timeout = Duration.ZERO;
    private Deadline deadline;
    private ScheduledFuture<?> timer;
    private boolean timedOut;

    boolean add(MeasuredState member) {
        if (members.add(member)) {
            if (member.timeout().compareTo(timeout) > 0) {
                timeout = member.timeout();
            }
            return true;
        }
        return false;
    }

    boolean contains(MeasuredState member) {
        return members.contains(member);
    }

    Collection<MeasuredState> members() {
        return members;
    }

    int size() {
        return members.size();
    }

    List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>(members.size());
        for (MeasuredState member : members) {
            metrics.add(member.metric());
        }
        return metrics;
    }

    /** The longest timeout of the members: a batch is one call, so it gets one deadline. */
    Duration timeout() {
        return timeout;
    }

    void started(Deadline deadline, ScheduledFuture<?> timer) {
        this.deadline = deadline;
        this.timer = timer;
    }

    Deadline deadline() {
        return deadline;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void markTimedOut() {
        timedOut = true;
    }

    boolean timedOut() {
        return timedOut;
    }
}
