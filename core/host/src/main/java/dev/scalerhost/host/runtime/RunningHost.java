package dev.scalerhost.host.runtime;

import dev.scalerhost.host.engine.PreparedServiceType;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.grpc.GrpcServer;
import dev.scalerhost.host.grpc.ScalerService;
import dev.scalerhost.host.grpc.ServiceCatalog;
import dev.scalerhost.host.history.MeasurementHistory;
import dev.scalerhost.host.http.HostHttpServer;
import dev.scalerhost.host.http.Readiness;
import dev.scalerhost.host.http.Readiness.Condition;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.plugin.LoadedProvider;
import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.host.status.ReloadStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded configuration being served: the measurement engine, KEDA's gRPC port and the HTTP port.
 * A reloaded configuration replaces the engine and the served catalog while the ports stay open.
 *
 * <p>Start: the HTTP server on its own thread ({@link HttpServerStart}; its probes answer "not ready"
 * until everything is up) while the engine and then gRPC start.
 * Stop order: no more reloads, not ready, gRPC drained within the grace, engine stopped, sources
 * and plugins closed, HTTP last (so probes see the shutdown).
 */
public final class RunningHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningHost.class);
    /** Sources get this long to close even when draining gRPC used up the whole grace. */
    private static final Duration SOURCE_CLOSE_FLOOR = Duration.ofSeconds(1);

    /** One loaded configuration and the engine measuring it; a reload replaces it whole. */
    record Generation(LoadedHost loaded, MeasurementEngine engine) {
    }

    private final HostMetrics metrics;
    private final Clock clock;
    private final LoadedHost initial;
    private final Readiness readiness;
    private final MeasurementHistory history;
    private final ScalerService scaler;
    private final GrpcServer grpc;
    /** Set once by {@link #start}, before the host is returned to anyone. */
    private HostHttpServer http;
    private volatile Generation generation;
    private volatile ConfigReloader reloader;
    private boolean stopped;

    private RunningHost(LoadedHost loaded, HostMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.clock = clock;
        this.initial = loaded;
        this.readiness = new Readiness(loaded.config().server().http().readinessRequiresSources());
        readiness.set(Condition.CONFIG_LOADED, true);
        readiness.set(Condition.SOURCES_OPENED, true);
        this.history = new MeasurementHistory(clock);
        history.retain(loaded.config().serviceTypes().keySet());
        MeasurementEngine engine = new MeasurementEngine(loaded.sources(), loaded.serviceTypes(), metrics, clock, history);
        this.generation = new Generation(loaded, engine);
        this.scaler = new ScalerService(engine, serviceCatalog(loaded));
        this.grpc = new GrpcServer(loaded.config().server().grpc(), scaler, metrics);
    }

    /**
     * Serves {@code loaded}. On failure everything started is stopped again and {@code loaded} is
     * closed.
     *
     * @throws IOException if a port cannot be bound
     */
    public static RunningHost start(LoadedHost loaded, HostMetrics metrics, Clock clock) throws IOException {
        return start(loaded, metrics, clock, host -> { });
    }

    /**
     * Serves {@code loaded}, running {@code beforeReady} once both ports are open and just before
     * {@code /readyz} turns 200: what a client that saw the host ready may already rely on (the file
     * watch, the SIGHUP handler). If it throws, the host is stopped again.
     *
     * @throws IOException if a port cannot be bound
     */
    public static RunningHost start(LoadedHost loaded, HostMetrics metrics, Clock clock,
            Consumer<RunningHost> beforeReady) throws IOException {
        Objects.requireNonNull(loaded, "loaded");
        Objects.requireNonNull(beforeReady, "beforeReady");
        RunningHost host = new RunningHost(loaded, Objects.requireNonNull(metrics, "metrics"),
                Objects.requireNonNull(clock, "clock"));
        MeasurementEngine engine = host.generation.engine();
        HttpServerStart httpStart = HttpServerStart.begin(() -> new HostHttpServer(
                loaded.config().server().http(), new HostStatusView(host), metrics, host.readiness,
                new HostConsoleView(host, host.history)));
        try {
            engine.start();
            host.grpc.start();
            host.http = httpStart.await();
        } catch (IOException | RuntimeException e) {
            host.grpc.shutdown(Duration.ZERO);
            engine.close();
            loaded.close();
            httpStart.abandon();
            throw e;
        }
        try {
            beforeReady.accept(host);
        } catch (RuntimeException | Error e) {
            host.close();
            throw e;
        }
        host.readiness.set(Condition.PORTS_OPEN, true);
        return host;
    }

    /**
     * Reloads {@code file} with {@code loader} whenever its content changes and on
     * {@link #requestReload}. Once only.
     */
    public synchronized void watch(Path file, HostLoader loader) {
        if (reloader != null) {
            throw new IllegalStateException("already watching " + reloader.status().file());
        }
        if (!stopped) {
            reloader = ConfigReloader.start(file, loader, this, clock);
        }
    }

    /** Loads the watched file again now (e.g. on SIGHUP), whether it changed or not; no-op if not watching. */
    public void requestReload(String why) {
        ConfigReloader current = reloader;
        if (current != null) {
            current.requestReload(why);
        }
    }

    public int grpcPort() {
        return grpc.port();
    }

    public int httpPort() {
        return http.port();
    }

    /** The engine measuring the configuration served now. */
    public MeasurementEngine engine() {
        return generation.engine();
    }

    /** The configuration served now. */
    public LoadedHost loaded() {
        return generation.loaded();
    }

    /** ScaledObjects whose trigger metadata sets a target or activation that their serviceType does not allow. */
    List<IgnoredMetadataStatus> ignoredMetadata() {
        return scaler.ignoredMetadata();
    }

    /** The serviceTypes KEDA may name, each with its plugin's KEDA spellings of target and activation. */
    private static ServiceCatalog serviceCatalog(LoadedHost loaded) {
        return ServiceCatalog.of(loaded.config().serviceTypes().values(), config -> config.isComposite()
                ? Map.of()
                : Optional.ofNullable(loaded.config().sources().get(config.source()))
                        .flatMap(source -> loaded.catalog().provider(source.type()))
                        .map(LoadedProvider::serviceTypeKeyAliases)
                        .orElse(Map.of()));
    }

    Generation generation() {
        return generation;
    }

    /** The configuration the process started with: its listeners and plugins stay until a restart. */
    LoadedHost initial() {
        return initial;
    }

    Optional<ReloadStatus> reloadStatus() {
        ConfigReloader current = reloader;
        return current == null ? Optional.empty() : Optional.of(current.status());
    }

    /**
     * Serves {@code next} from now on: a new engine for its serviceTypes, swapped into the gRPC service
     * together with its catalog. Returns what the previous configuration leaves to close once the
     * calls running on it are done.
     *
     * @throws IllegalStateException if the host is stopping
     */
    synchronized Retired replace(LoadedHost next) {
        if (stopped) {
            throw new IllegalStateException("the host is stopping");
        }
        history.retain(next.config().serviceTypes().keySet());
        MeasurementEngine engine = new MeasurementEngine(next.sources(), next.serviceTypes(), metrics, clock, history);
        scaler.swap(engine, serviceCatalog(next));
        engine.start();
        Generation previous = generation;
        generation = new Generation(next, engine);
        Set<EngineSource> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(next.sources());
        List<EngineSource> dropped = previous.loaded().sources().stream().filter(s -> !kept.contains(s)).toList();
        Duration longest = previous.loaded().serviceTypes().stream().map(PreparedServiceType::config)
                .map(config -> config.timing().timeout()).max(Duration::compareTo).orElse(Duration.ZERO);
        return new Retired(previous.engine(), dropped, longest);
    }

    /**
     * What a replaced configuration leaves behind: its engine, still answering the calls that
     * started on it, and the sources the new configuration did not keep.
     *
     * @param engine  the replaced engine
     * @param dropped its sources that are no longer used
     * @param drain   how long its calls can still take: its serviceTypes' longest timeout
     */
    record Retired(MeasurementEngine engine, List<EngineSource> dropped, Duration drain) {

        /**
         * Stops the engine, then closes the dropped sources within {@code budget}; returns those whose
         * {@code close()} did not return in time.
         */
        List<String> close(Duration budget) {
            engine.close(budget);
            return LoadedHost.closeSources(dropped, budget);
        }
    }

    /**
     * Stops serving within {@code grace} (plus a second or two for the last steps): in-flight gRPC
     * calls get what is left of it to finish, then the sources; a plugin whose {@code close()} does
     * not return by then is abandoned and named in the log. Idempotent.
     */
    public void stop(Duration grace) {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        long deadline = System.nanoTime() + grace.toNanos();
        if (reloader != null) {
            reloader.close(left(deadline, Duration.ZERO));
        }
        readiness.shuttingDown();
        grpc.setServing(false);
        boolean drained = grpc.shutdown(left(deadline, Duration.ZERO));
        generation.engine().close(left(deadline, Duration.ZERO));
        List<String> abandoned = SourceCloser.close(generation.loaded().sources(), left(deadline, SOURCE_CLOSE_FLOOR));
        generation.loaded().catalog().close();
        http.stop(Duration.ofSeconds(1));
        LOG.info("stopped{}{}", drained ? "" : " (some gRPC calls were cancelled after the grace period)",
                abandoned.isEmpty() ? "" : " (sources that did not close in time: " + String.join(", ", abandoned) + ")");
    }

    /** What is left until {@code deadline}, at least {@code floor}. */
    private static Duration left(long deadline, Duration floor) {
        Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
        return left.compareTo(floor) < 0 ? floor : left;
    }

    /** Stops with the shutdown grace of the configuration served now. */
    @Override
    public void close() {
        stop(generation.loaded().config().server().shutdownGrace());
    }
}
