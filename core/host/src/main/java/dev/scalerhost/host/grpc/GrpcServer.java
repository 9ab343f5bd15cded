package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.GrpcConfig;
import dev.scalerhost.host.engine.FailureText;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.proto.ExternalScalerGrpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC port: {@link ScalerService}, {@code grpc.health.v1} (overall and for
 * {@value #SCALER_SERVICE}) and server reflection, so {@code grpcurl} works without the proto file.
 *
 * <p>Keepalive suits KEDA's connections, which are opened once and never closed: clients may ping
 * every 10 s even without calls, and the server pings idle connections every minute to drop dead
 * peers. No maximum connection age: KEDA would have to reconnect for nothing.
 *
 * <p>TLS uses grpc's {@link TlsServerCredentials}: Netty offers TLS 1.3 and 1.2 only, and the JDK
 * disables older versions by default ({@code jdk.tls.disabledAlgorithms}). With a client CA,
 * clients must present a certificate it signed (mutual TLS). The PEM files are watched and
 * replaced certificates are used for new connections without a restart ({@link ReloadingTls}).
 */
public final class GrpcServer {

    /** The health-check service name of the scaler. */
    public static final String SCALER_SERVICE = ExternalScalerGrpc.SERVICE_NAME;

    private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);
    private static final Duration FORCED_STOP_WAIT = Duration.ofSeconds(2);

    private final GrpcConfig config;
    private final ScalerService scaler;
    private final HostMetrics metrics;
    private final HealthStatusManager health = new HealthStatusManager();
    private ExecutorService handlers;
    private Server server;
    private ReloadingTls tls;
    private boolean shutDown;

    public GrpcServer(GrpcConfig config, ScalerService scaler, HostMetrics metrics) {
        this.config = Objects.requireNonNull(config, "config");
        this.scaler = Objects.requireNonNull(scaler, "scaler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        setServing(true);
    }

    /**
     * Runs the transport's one-time static set-up (Netty's platform probes and shared event loop
     * resources, gRPC's registries) without binding anything, so that a {@link #start} that follows
     * finds it done. Safe from any thread, any number of times.
     */
    public static void prepareTransport() {
        NettyServerBuilder.forPort(0);
    }

    /**
     * Binds the port and starts serving. Health reports SERVING unless {@link #setServing}(false)
     * was called, before or after the start.
     *
     * @throws IOException if the port cannot be bound or the TLS files cannot be read
     */
    public synchronized void start() throws IOException {
        if (server != null) {
            throw new IllegalStateException("gRPC server already started");
        }
        handlers = handlerPool();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(config.host(), config.port()), credentials())
                .executor(handlers)
                .maxInboundMessageSize(config.maxInboundBytes())
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .keepAliveTime(60, TimeUnit.SECONDS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .addService(scaler)
                .addService(health.getHealthService())
                .addService(ProtoReflectionServiceV1.newInstance())
                .addService(legacyReflection())
                .intercept(new RpcMetricsInterceptor(metrics, scaler::serviceTypeLabel))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            server = null;
            handlers.shutdown();
            closeTls();
            throw new IOException("cannot listen for gRPC on " + config.host() + ":" + config.port() + ": "
                    + FailureText.of(e) + "; free the port or set server.grpc.port to another one", e);
        }
        log.info("gRPC listening on {}:{}{}", config.host(), port(), 
                config.tls().map(tls -> tls.clientCa().isPresent() ? " (mutual TLS)" : " (TLS)").orElse(""));
    }

    /** The bound port, the actual one when the configuration asked for 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("gRPC server not started");
        }
        return server.getPort();
    }

    /** Readiness as the health service reports it, overall and for the scaler service. */
    public void setServing(boolean serving) {
        ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
        health.setStatus(SCALER_SERVICE, status);
    }

    /**
     * Stops accepting calls, ends open streams with OK, lets running unary calls finish within
     * {@code grace}, then cancels what is left. Returns whether everything ended within the grace.
     * Calling it again waits for the same shutdown.
     */
    public synchronized boolean shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        if (server == null) {
            return true;
        }
        if (!shutDown) {
            shutDown = true;
            health.enterTerminalState();
            closeTls();
        }
        server.shutdown();
        scaler.completeStreams();
        try {
            if (server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!grace.isZero()) {
                // With no grace (a start that failed) cancelling at once is what was asked for.
                log.warn("gRPC calls still running after the {} shutdown grace; cancelling them", grace);
            }
            server.shutdownNow();
            server.awaitTermination(FORCED_STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        } finally {
            handlers.shutdown();
        }
        return false;
    }

    /**
     * The pool the service handlers run on: max(2, cores) threads, never more. The handlers never
     * block (answers come from memory or as futures), so a few threads keep up; grpc's default cached
     * pool grew to hundreds of threads and well over the memory goal when callers outran the machine.
     *
     * <p>A {@link ForkJoinPool} in FIFO mode rather than a fixed {@code ThreadPoolExecutor}: every call
     * is handed from the transport thread to the pool, and that hand-off (the executor queue's lock
     * and condition, waking its longest-idle thread) was most of what a call cost the host above a
     * bare grpc-java server at one call in flight; the fork-join pool queues without the lock and
     * wakes its most recently idle worker, and cost about half the CPU per call there while keeping
     * the throughput at many calls in flight (docs/benchmarks.md, RPC section). Its workers are
     * never compensated for blocking (at most {@code threads}): a handler that blocked would hold one.
     */
    private static ExecutorService handlerPool() {
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory named = pool -> {
            ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            thread.setName("scalerhost-grpc-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ForkJoinPool(threads, named, null, true, threads, threads, 1, pool -> true, 60, TimeUnit.SECONDS);
    }

    private void closeTls() {
        if (tls != null) {
            tls.close();
            tls = null;
        }
    }

    /** Reflection v1alpha as well: grpcurl before 1.9 and other older tools know only that one. */
    @SuppressWarnings("deprecation")
    private static io.grpc.BindableService legacyReflection() {
        return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
    }

    private ServerCredentials credentials() throws IOException {
        if (config.tls().isEmpty()) {
            return InsecureServerCredentials.create();
        }
        tls = ReloadingTls.load(config.tls().get());
        return tls.credentials();
    }
}
