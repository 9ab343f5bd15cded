package dev.scalerhost.host.engine;

import dev.scalerhost.host.metrics.Distribution;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the serviceTypes of one source: due serviceTypes go together into one {@code measure(...)}
 * batch, and at most one call per source runs at a time, as the SPI promises plugins.
 *
 * <p>A call that outlives its timeout fails its batch at the deadline (callers stop waiting) but
 * keeps the source busy: no second call is started beside it, because the plugin may not be
 * thread-safe and parallel calls to a hanging backend only pile up. serviceTypes that fall due
 * meanwhile are failed as "stuck" and queued; the queued batch starts as soon as the call returns.
 * The late call's results are discarded, as measured against an expired deadline. Closing the
 * source (by its owner, after the engine) is what the SPI relies on to end such a call.
 *
 * <p>This class decides when calls run; {@link BatchResults} applies what they return, and
 * {@link RefreshPolicy} says which serviceTypes are due.
 */
final class SourceWorker {

    static final String STUCK =
            "the previous measurement timed out and has not returned yet; the next one starts when it does";

    private static final Logger log = LoggerFactory.getLogger(SourceWorker.class);

    private final EngineSource source;
    private final List<MeasuredState> serviceTypes;
    private final Executor workers;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final Distribution duration;
    private final Distribution batchSize;
    private final Object lock = new Object();
    private Batch running;
    private Batch next;
    private final SourceHealth health;
    private final BatchResults results;
    private boolean closed;

    SourceWorker(EngineSource source, List<MeasuredState> serviceTypes, Executor workers,
            ScheduledExecutorService scheduler, Clock clock, HostMetrics metrics) {
        this.source = source;
        this.serviceTypes = List.copyOf(serviceTypes);
        this.workers = workers;
        this.scheduler = scheduler;
        this.clock = clock;
        this.health = new SourceHealth(source);
        this.results = new BatchResults(source, health);
        this.duration = metrics.measurementSeconds(source.name());
        this.batchSize = metrics.measurementBatchSize(source.name());
    }

    /** Starts (or queues behind the running call) one batch of every serviceType that is due. */
    void refreshDue() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            long now = clock.millis();
            List<MeasuredState> due = new ArrayList<>();
            for (MeasuredState state : serviceTypes) {
                if (state.isDue(now) && (next == null || !next.contains(state))) {
                    due.add(state);
                }
            }
            if (due.isEmpty()) {
                return;
            }
            if (stuck()) {
                due.forEach(state -> state.markAttempt(now));
                health.failed(due, STUCK, now);
            }
            enqueue(due, now);
        }
    }

    /**
     * What a caller without a usable value may wait for: the running or queued batch that will
     * measure {@code state}, starting one if the serviceType is due; null if there is nothing to
     * wait for (not due yet, or the source is stuck in a timed-out call).
     */
    CompletableFuture<Void> awaitFresh(MeasuredState state) {
        synchronized (lock) {
            if (closed || stuck()) {
                return null;
            }
            if (running != null && running.contains(state)) {
                return running.done;
            }
            if (next != null && next.contains(state)) {
                return next.done;
            }
            long now = clock.millis();
            return state.isDue(now) ? enqueue(List.of(state), now).done : null;
        }
    }

    SourceStatus status() {
        return health.status();
    }

    /** Stops starting calls and releases every waiting caller; a running call is left to its owner. */
    void close() {
        List<Batch> release = new ArrayList<>(2);
        synchronized (lock) {
            closed = true;
            if (running != null) {
                running.cancelTimer();
                release.add(running);
            }
            if (next != null) {
                release.add(next);
                next = null;
            }
        }
        release.forEach(batch -> batch.done.complete(null));
    }

    private boolean stuck() {
        return running != null && running.timedOut();
    }

    private Batch enqueue(Collection<MeasuredState> wanted, long now) {
        if (running == null) {
            Batch batch = new Batch();
            wanted.forEach(batch::add);
            start(batch, now);
            return batch;
        }
        if (next == null) {
            next = new Batch();
        }
        wanted.forEach(next::add);
        return next;
    }

    private void start(Batch batch, long now) {
        for (MeasuredState state : serviceTypes) {
            if (state.isDue(now)) {
                batch.add(state);
            }
        }
        batch.members().forEach(member -> member.markAttempt(now));
        running = batch;
        try {
            batch.started(Deadline.after(batch.timeout()),
                    scheduler.schedule(() -> timeOut(batch), batch.timeout().toNanos(), TimeUnit.NANOSECONDS));
            workers.execute(() -> measure(batch));
        } catch (RejectedExecutionException shuttingDown) {
            running = null;
            batch.cancelTimer();
            batch.done.complete(null);
        }
    }

    private void measure(Batch batch) {
        long started = System.nanoTime();
        Map<Metric, Reading> readings = null;
        Throwable thrown = null;
        try {
            readings = source.source().measure(batch.metrics(), batch.deadline());
        } catch (Throwable t) {
            thrown = t;
        }
        long elapsed = System.nanoTime() - started;
        duration.observeNanos(elapsed);
        batchSize.observe(batch.size());
        List<Runnable> afterwards = new ArrayList<>();
        synchronized (lock) {
            running = null;
            batch.cancelTimer();
            if (batch.timedOut()) {
                log.debug("source '{}': a measurement returned {} ms after it had timed out; result discarded",
                        source.name(), TimeUnit.NANOSECONDS.toMillis(elapsed) - batch.timeout().toMillis());
            } else {
                results.apply(batch, readings, thrown, clock.millis(), afterwards);
                afterwards.add(() -> batch.done.complete(null));
            }
            if (next != null && !closed) {
                Batch queued = next;
                next = null;
                start(queued, clock.millis());
            }
        }
        afterwards.forEach(Runnable::run);
        if (thrown instanceof VirtualMachineError fatal) {
            throw fatal;
        }
    }

    private void timeOut(Batch batch) {
        synchronized (lock) {
            if (running != batch || batch.timedOut() || closed) {
                return;
            }
            batch.markTimedOut();
            health.failed(batch.members(), "measurement timed out after " + SafeText.duration(batch.timeout()), clock.millis());
        }
        batch.done.complete(null);
    }
}
