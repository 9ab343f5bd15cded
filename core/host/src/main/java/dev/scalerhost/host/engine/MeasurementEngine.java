package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.BindingConfig;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.Registration;
import dev.scalerhost.host.status.BindingStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.host.threads.DaemonThreads;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * <p>A background tick measures every binding once per {@code refreshInterval}, the due bindings of
 * a source in one batch, so answers normally come from memory. A caller without a usable value
 * (none yet, or older than {@code maxStaleness}) joins or starts the measurement and waits at most
 * min(its own budget, the binding's {@code timeout}). While measurements fail the last good value
 * is served until it is older than {@code maxStaleness}; then {@link #read} fails with
 * {@link MeasurementUnavailableException}. An outage is never turned into a value.
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

    /** A serviceType; {@code worker} measures it, or is null for a composite. */
    private record Slot(ServiceTypeState state, SourceWorker worker) {
    }

    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private final List<SourceWorker> workers = new ArrayList<>();
    private final Clock clock;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ExecutorService measurers;
    private final long tickMillis;
    private final AtomicBoolean started = new AtomicBoolean();
    private final Registration listenersGauge;

    /**
     * @param sources  every opened source; those without bindings are never measured
     * @param bindings every serviceType, each naming one of {@code sources} or, for a composite,
     *                 other serviceTypes among {@code bindings}
     * @param metrics  where measurement metrics go
     * @param clock    the clock for refresh intervals, value ages and staleness
     */
    public MeasurementEngine(List<EngineSource> sources, List<EngineBinding> bindings, HostMetrics metrics, Clock clock) {
        this(sources, bindings, metrics, clock, MeasurementObserver.NONE);
    }

    /**
     * As {@link #MeasurementEngine(List, List, HostMetrics, Clock)}, telling {@code observer} of every
     * measurement outcome (e.g. to keep a history); it is never called on the path of a read.
     */
    public MeasurementEngine(List<EngineSource> sources, List<EngineBinding> bindings, HostMetrics metrics, Clock clock,
            MeasurementObserver observer) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(observer, "observer");
        Objects.requireNonNull(bindings, "bindings");
        Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        Map<String, EngineSource> byName = new LinkedHashMap<>();
        sources.forEach(source -> byName.put(source.name(), source));
        validate(byName, bindings);
        List<BindingConfig> compositeOrder = Composites.inOrder(bindings);
        this.scheduler = new ScheduledThreadPoolExecutor(1, DaemonThreads.named("scalerhost-engine-timer"));
        scheduler.setRemoveOnCancelPolicy(true);
        Map<String, List<BindingState>> bySource = new LinkedHashMap<>();
        List<BindingState> states = new ArrayList<>(bindings.size());
        long shortestRefresh = Long.MAX_VALUE;
        for (EngineBinding binding : bindings) {
            BindingConfig config = binding.config();
            if (config.isComposite()) {
                continue;
            }
            BindingState state = new BindingState(binding, clock, metrics, observer);
            states.add(state);
            bySource.computeIfAbsent(config.source(), name -> new ArrayList<>()).add(state);
            shortestRefresh = Math.min(shortestRefresh, config.timing().refreshInterval().toMillis());
        }
        this.measurers = Executors.newFixedThreadPool(Math.max(1, Math.min(bySource.size(), 32)),
                DaemonThreads.named("scalerhost-measure"));
        Map<String, SourceWorker> workerBySource = new LinkedHashMap<>();
        bySource.forEach((source, members) -> workerBySource.put(source,
                new SourceWorker(byName.get(source), members, measurers, scheduler, clock, metrics)));
        workers.addAll(workerBySource.values());
        Map<String, ServiceTypeState> measured = new LinkedHashMap<>();
        states.forEach(state -> measured.put(state.serviceType(), state));
        Map<String, CompositeState> composites = Composites.wire(compositeOrder, measured, clock, metrics, observer);
        for (EngineBinding binding : bindings) {
            String serviceType = binding.config().serviceType();
            ServiceTypeState state = binding.config().isComposite() ? composites.get(serviceType) : measured.get(serviceType);
            slots.put(key(serviceType), new Slot(state, state instanceof BindingState measuredState
                    ? workerBySource.get(measuredState.sourceName()) : null));
        }
        this.tickMillis = Math.max(10, Math.min(1000, shortestRefresh / 4));
        this.listenersGauge = metrics.streamListeners(this::listenerCount);
    }

    /** Starts background refreshing; the first tick measures every binding at once. Once only. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("measurement engine already started");
        }
        scheduler.scheduleWithFixedDelay(this::tick, 0, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Whether {@code serviceType} (any case) is measured by this engine. */
    public boolean measures(String serviceType) {
        return slots.containsKey(key(serviceType));
    }

    /**
     * The value of {@code serviceType}: at once from memory when usable, otherwise after the
     * running or a new measurement, waiting at most min({@code callerBudget}, the binding's timeout).
     * Completes exceptionally with {@link MeasurementUnavailableException} when there is no usable
     * value; never with a plugin's exception.
     *
     * @throws IllegalArgumentException if the serviceType is not measured here
     */
    public CompletableFuture<Reading.Value> read(String serviceType, Duration callerBudget) {
        Objects.requireNonNull(callerBudget, "callerBudget");
        return read(slot(serviceType), callerBudget);
    }

    private CompletableFuture<Reading.Value> read(Slot slot, Duration callerBudget) {
        if (slot.state() instanceof CompositeState composite) {
            List<CompletableFuture<Reading.Value>> reads = new ArrayList<>(composite.parts().size());
            for (CompositeState.Part part : composite.parts()) {
                reads.add(read(slots.get(key(part.state().serviceType())), callerBudget));
            }
            return composite.combineReads(reads);
        }
        BindingState state = (BindingState) slot.state();
        long now = clock.millis();
        Reading.Value value = state.usable(now);
        if (value != null) {
            if (state.isDue(now)) {
                slot.worker().refreshDue();
            }
            return CompletableFuture.completedFuture(value);
        }
        long waitNanos = Math.min(nanos(callerBudget), state.timeout().toNanos());
        CompletableFuture<Void> fresh = waitNanos > 0 ? slot.worker().awaitFresh(state) : null;
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
        return Optional.ofNullable(slot(serviceType).state().usable(clock.millis()));
    }

    /**
     * Calls {@code listener} with every new good value of {@code serviceType}, on a measurement
     * thread; it must not block. Close the subscription to stop.
     */
    public Subscription subscribe(String serviceType, Consumer<Reading.Value> listener) {
        Objects.requireNonNull(listener, "listener");
        return slot(serviceType).state().listeners().subscribe(listener);
    }

    /** The number of registered listeners, over all serviceTypes. */
    public int listenerCount() {
        int count = 0;
        for (Slot slot : slots.values()) {
            count += slot.state().listeners().count();
        }
        return count;
    }

    /** Every serviceType's state, in configuration order. */
    public List<BindingStatus> bindingStatuses() {
        List<BindingStatus> statuses = new ArrayList<>(slots.size());
        slots.values().forEach(slot -> statuses.add(slot.state().status()));
        return statuses;
    }

    /** Every measured source's state. */
    public List<SourceStatus> sourceStatuses() {
        List<SourceStatus> statuses = new ArrayList<>(workers.size());
        workers.forEach(worker -> statuses.add(worker.status()));
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
        workers.forEach(SourceWorker::close);
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
        slots.values().forEach(slot -> slot.state().unregister());
    }

    private static void validate(Map<String, EngineSource> sources, List<EngineBinding> bindings) {
        Set<String> seen = new HashSet<>();
        for (EngineBinding binding : bindings) {
            BindingConfig config = binding.config();
            if (!config.isComposite() && !sources.containsKey(config.source())) {
                throw new IllegalArgumentException("serviceType '" + config.serviceType() + "' names source '"
                        + config.source() + "', which is not among the opened sources " + sources.keySet());
            }
            if (!seen.add(key(config.serviceType()))) {
                throw new IllegalArgumentException("serviceType '" + config.serviceType() + "' is bound twice");
            }
        }
    }

    private void tick() {
        for (SourceWorker worker : workers) {
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

    private Slot slot(String serviceType) {
        Slot slot = slots.get(key(Objects.requireNonNull(serviceType, "serviceType")));
        if (slot == null) {
            throw new IllegalArgumentException("serviceType '" + SafeText.clip(serviceType, 64) + "' is not measured here");
        }
        return slot;
    }

    private static String key(String serviceType) {
        return serviceType.toLowerCase(Locale.ROOT);
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException huge) {
            return Long.MAX_VALUE;
        }
    }
}
