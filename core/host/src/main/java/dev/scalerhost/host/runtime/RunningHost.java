package dev.scalerhost.host.runtime;

import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.grpc.GrpcServer;
import dev.scalerhost.host.grpc.ScalerService;
import dev.scalerhost.host.grpc.ServiceCatalog;
import dev.scalerhost.host.http.HostHttpServer;
import dev.scalerhost.host.http.Readiness;
import dev.scalerhost.host.http.Readiness.Condition;
import dev.scalerhost.host.metrics.HostMetrics;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loaded configuration being served: the measurement engine, KEDA's gRPC port and the HTTP port.
 *
 * <p>Start order: HTTP first (so probes answer while the rest starts), then the engine, then gRPC.
 * Stop order: not ready, gRPC drained within the grace, engine stopped, sources and plugins
 * closed, HTTP last (so probes see the shutdown).
 */
public final class RunningHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningHost.class);

    private final LoadedHost loaded;
    private final Readiness readiness;
    private final MeasurementEngine engine;
    private final GrpcServer grpc;
    private final HostHttpServer http;
    private boolean stopped;

    private RunningHost(LoadedHost loaded, Readiness readiness, MeasurementEngine engine, GrpcServer grpc,
            HostHttpServer http) {
        this.loaded = loaded;
        this.readiness = readiness;
        this.engine = engine;
        this.grpc = grpc;
        this.http = http;
    }

    /**
     * Serves {@code loaded}. On failure everything started is stopped again and {@code loaded} is
     * closed.
     *
     * @throws IOException if a port cannot be bound
     */
    public static RunningHost start(LoadedHost loaded, HostMetrics metrics, Clock clock) throws IOException {
        Objects.requireNonNull(loaded, "loaded");
        Readiness readiness = new Readiness(loaded.config().server().http().readinessRequiresSources());
        readiness.set(Condition.CONFIG_LOADED, true);
        readiness.set(Condition.SOURCES_OPENED, true);
        MeasurementEngine engine = new MeasurementEngine(loaded.sources(), loaded.bindings(), metrics, clock);
        ScalerService scaler = new ScalerService(engine,
                ServiceCatalog.of(loaded.config().serviceTypes().values()));
        GrpcServer grpc = new GrpcServer(loaded.config().server().grpc(), scaler, metrics);
        HostHttpServer http = new HostHttpServer(loaded.config().server().http(),
                new HostStatusView(engine, loaded.catalog()), metrics, readiness);
        try {
            http.start();
            engine.start();
            grpc.start();
        } catch (IOException | RuntimeException e) {
            grpc.shutdown(Duration.ZERO);
            engine.close();
            loaded.close();
            http.stop(Duration.ZERO);
            throw e;
        }
        readiness.set(Condition.PORTS_OPEN, true);
        return new RunningHost(loaded, readiness, engine, grpc, http);
    }

    public int grpcPort() {
        return grpc.port();
    }

    public int httpPort() {
        return http.port();
    }

    public MeasurementEngine engine() {
        return engine;
    }

    /** Stops serving: in-flight gRPC calls get {@code grace} to finish. Idempotent. */
    public synchronized void stop(Duration grace) {
        if (stopped) {
            return;
        }
        stopped = true;
        readiness.shuttingDown();
        grpc.setServing(false);
        boolean drained = grpc.shutdown(grace);
        engine.close();
        loaded.close();
        http.stop(Duration.ofSeconds(1));
        LOG.info("stopped{}", drained ? "" : " (some gRPC calls were cancelled after the grace period)");
    }

    @Override
    public void close() {
        stop(loaded.config().server().shutdownGrace());
    }
}
