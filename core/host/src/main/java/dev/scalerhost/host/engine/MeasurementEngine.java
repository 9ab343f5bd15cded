package dev.scalerhost.host.engine;

import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.Registration;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.host.threads.DaemonThreads;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns bursts of KEDA calls into bounded, batched load on the sources.
 *
 * <p>A background tick measures every serviceType once per {@code refreshInterval}, the due serviceTypes of
 * a source in one batch, so answers normally come from memory. A caller without a usable value
 * (none yet, or older than {@code maxStaleness}) joins or starts the measurement and waits at most
 * min(its own budget, the serviceType's {@code timeout}). While measurements fail the last good value
 * is served until it is older than {@code maxStaleness}; then {@link #read} fails with
 * {@link MeasurementUnavailableException}. An outage is never turned into a value. These rules are
 * {@link RefreshPolicy}'s; {@link ServiceTypeTable} wires serviceTypes to their states and sources' workers.
 *
 * <p>A composite serviceType is never measured: it is read by reading its parts as a caller would
 * (same budget, in parallel) and combining their values; see {@link CompositeState}.
 *
 * <p>The engine owns its threads; it does not own the sources: close the engine first, then the
 * sources (closing a source is what ends a measurement still hanging past its deadline).
 */
public final class MeasurementEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MeasurementEngine.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final ServiceTypeTable table;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService measurers;
    private final long tickMillis;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Registration listenersGauge;

    /**
     * @param sources      every opened source; those without serviceTypes are never measured
     * @param serviceTypes every serviceType, each naming one of {@code sources} or, for a composite,
     *                     other serviceTypes among {@code serviceTypes}
     * @param metrics      where measurement metrics go
     * @param clock        the clock for refresh intervals, value ages and staleness
     */
    public MeasurementEngine(List<EngineSource> sources, List<PreparedServiceType> serviceTypes, HostMetrics metrics,
            Clock clock) {
        this(sources, serviceTypes, metrics, clock, MeasurementObserver.NONE);
    }

    /**
     * As {@link #MeasurementEngine(List, List, HostMetrics, Clock)}, telling {@code observer} of every
     * measurement outcome (e.g. to keep a history); it is never called on the path of a read.
     */
    public MeasurementEngine(List<EngineSource> sources, List<PreparedServiceType> serviceTypes, HostMetrics metrics,
            Clock clock, MeasurementObserver observer) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(serviceTypes, "bindings");
        Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("scalerhost-engine-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        this.measurers = Executors.newFixedThreadPool(Math.max(1, Math.min(ServiceTypeTable.measuredSources(serviceTypes), 32)),
                DaemonThreads.named("scalerhost-measure"));
        try {
            this.table = new ServiceTypeTable(sources, serviceTypes, clock, metrics, observer,
                    (source, members) -> new SourceWorker(source, members, measurers, scheduler, clock, metrics));
        } catch (RuntimeException invalid) {
            scheduler.shutdownNow();
            measurers.shutdownNow();
            throw invalid;
        }
        this.tickMillis = RefreshPolicy.tickMillis(table.measuredTimings());
        this.listenersGauge = metrics.streamListeners(this::listenerCount);
    }

    /** Starts background refreshing; the first tick measures every serviceType at once. Once only. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("measurement engine already started");
        }
        scheduler.scheduleWithFixedDelay(this::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Whether {@code serviceType} (any case) is measured by this engine. */
    public boolean measures(String serviceType) {
        return table.contains(serviceType);
    }

    /**
     * The value of {@code serviceType}: at once from memory when usable, otherwise after the
     * running or a new measurement, waiting at most min({@code callerBudget}, the serviceType's timeout).
     * Completes exceptionally with {@link MeasurementUnavailableException} when there is no usable
     * value; never with a plugin's exception.
     *
     * @throws IllegalArgumentException if the serviceType is not measured here
     */
    public CompletableFuture<Reading.Value> read(String serviceType, Duration callerBudget) {
        Objects.requireNonNull(callerBudget, "callerBudget");
        return read(table.get(serviceType), callerBudget);
    }

    private CompletableFuture<Reading.Value> read(ServiceTypeTable.Entry entry, Duration callerBudget) {
        if (entry.state() instanceof CompositeState composite) {
            List<CompletableFuture<Reading.Value>> reads = new ArrayList<>(composite.parts().size());
            for (CompositeState.Part part : composite.parts()) {
                reads.add(read(table.get(part.state().serviceType()), callerBudget));
            }
            return composite.combineReads(reads);
        }
        MeasuredState state = (MeasuredState) entry.state();
        long now = clock.millis();
        Reading.Value value = state.usable(now);
        if (value != null) {
            if (state.isDue(now)) {
                entry.worker().refreshDue();
            }
            return CompletableFuture.completedFuture(value);
        }
        long waitNanos = state.refresh().waitNanos(callerBudget);
        CompletableFuture<Void> fresh = waitNanos > 0 ? entry.worker().awaitFresh(state) : null;
        if (fresh == null || fresh.isDone()) {
            return answer(state, new CompletableFuture<>());
        }
        CompletableFuture<Reading.Value> answer = new CompletableFuture<>();
        try {
            ScheduledFuture<?> timer = scheduler.schedule(() -> answer(state, answer), waitNanos, TimeUnit.NANOSECONDS);
            fresh.whenComplete((ignored, error) -> {
                timer.cancel(false);
                answer(state, answer);
            });
        } catch (RejectedExecutionException closed) {
            answer(state, answer);
        }
        return answer;
    }

    /** The usable value of {@code serviceType} now, without waiting or measuring. */
    public Optional<Reading.Value> current(String serviceType) {
        return Optional.ofNullable(table.get(serviceType).state().usable(clock.millis()));
    }

    /**
     * Calls {@code listener} with every new good value of {@code serviceType}, on a measurement
     * thread; it must not block. Close the subscription to stop.
     */
    public Subscription subscribe(String serviceType, Consumer<Reading.Value> listener) {
        Objects.requireNonNull(listener, "listener");
        return table.get(serviceType).state().listeners().subscribe(listener);
    }

    /** The number of registered listeners, over all serviceTypes. */
    public int listenerCount() {
        int count = 0;
        for (ServiceTypeTable.Entry entry : table.all()) {
            count += entry.state().listeners().count();
        }
        return count;
    }

    /** Every serviceType's state, in configuration order. */
    public List<ServiceTypeStatus> serviceTypeStatuses() {
        List<ServiceTypeStatus> statuses = new ArrayList<>(table.all().size());
        table.all().forEach(entry -> statuses.add(entry.state().status()));
        return statuses;
    }

    /** Every measured source's state. */
    public List<SourceStatus> sourceStatuses() {
        List<SourceStatus> statuses = new ArrayList<>(table.workers().size());
        table.workers().forEach(worker -> statuses.add(worker.status()));
        return statuses;
    }

    /**
     * Stops refreshing, releases waiting callers (they get the last usable value or a failure),
     * waits briefly for running measurements, then interrupts them. Does not close the sources.
     */
    @Override
    public void close() {
        close(CLOSE_WAIT);
    }

    /** As {@link #close()}, waiting at most {@code wait} (capped at 2 s) before interrupting measurements. */
    public void close(Duration wait) {
        Duration bounded = wait.compareTo(CLOSE_WAIT) < 0 ? wait : CLOSE_WAIT;
        scheduler.shutdownNow();
        table.workers().forEach(SourceWorker::close);
        measurers.shutdown();
        try {
            if (!measurers.awaitTermination(Math.max(0, bounded.toMillis()), TimeUnit.MILLISECONDS)) {
                log.warn("measurements still running {} after close; interrupting them", SafeText.duration(bounded));
                measurers.shutdownNow();
            }
        } catch (InterruptedException e) {
            measurers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        listenersGauge.unregister();
        table.all().forEach(entry -> entry.state().unregister());
    }

    private void tick() {
        for (SourceWorker worker : table.workers()) {
            try {
                worker.refreshDue();
            } catch (RuntimeException e) {
                log.error("refresh tick failed: {}", SafeText.describe(e), e);
            }
        }
    }

    private CompletableFuture<Reading.Value> answer(ServiceTypeState state, CompletableFuture<Reading.Value> answer) {
        long now = clock.millis();
        Reading.Value value = state.usable(now);
        if (value != null) {
            answer.complete(value);
        } else {
            answer.completeExceptionally(new MeasurementUnavailableException(state.unavailableMessage(now)));
        }
        return answer;
    }
}
