package dev.scalerhost.host.http;

import dev.scalerhost.host.config.HttpConfig;
import dev.scalerhost.host.engine.FailureText;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.status.StatusView;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP listener for probes, metrics and status: {@code /livez}, {@code /readyz},
 * {@code /healthz}, {@code /metrics} and {@code /status}, and, given a {@link ConsoleView}, the
 * console at {@code /} with {@code /history/<serviceType>}; all read-only ({@code GET}/{@code HEAD}).
 *
 * <p>A few threads suffice: probes and scrapes are rare and every answer is computed from memory.
 * {@link #stop} lets requests in flight finish within the grace period. Its threads are daemons so
 * that this listener never keeps the process alive on its own.
 */
public final class HostHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HostHttpServer.class);
    private static final int MAX_THREADS = 8;
    private static final int MIN_THREADS = 2;
    private static final long SHUTDOWN_IDLE_MILLIS = 100;
    private static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);

    private final HttpConfig config;
    private final Server server;
    private final ServerConnector connector;
    private final List<String> routes;

    /**
     * Runs Jetty's costliest one-time static set-up without building a server, so that a server built
     * next finds it done: its MIME type table lists every locale the JDK has (50 to 60 ms on a small
     * machine). Safe from any thread, any number of times.
     */
    public static void prepareServer() {
        try {
            Class.forName(MimeTypes.class.getName(), true, MimeTypes.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Jetty's MimeTypes is missing from the class path", e);
        }
    }

    public HostHttpServer(HttpConfig config, StatusView status, HostMetrics metrics, Readiness readiness) {
        this(config, status, metrics, readiness, null, Clock.systemUTC());
    }

    /** Serves the console too ({@code /}, {@code /console/}, {@code /history/}), from {@code console}. */
    public HostHttpServer(HttpConfig config, StatusView status, HostMetrics metrics, Readiness readiness,
            ConsoleView console) {
        this(config, status, metrics, readiness, Objects.requireNonNull(console, "console"), Clock.systemUTC());
    }

    HostHttpServer(HttpConfig config, StatusView status, HostMetrics metrics, Readiness readiness, Clock clock) {
        this(config, status, metrics, readiness, null, clock);
    }

    HostHttpServer(HttpConfig config, StatusView status, HostMetrics metrics, Readiness readiness, ConsoleView console,
            Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(readiness, "readiness");
        Objects.requireNonNull(clock, "clock");

        JettyMemoryHint.apply();
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("http");
        threads.setDaemon(true);
        threads.setReservedThreads(0);
        server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(config.host());
        connector.setPort(config.port());
        server.addConnector(connector);

        Map<String, Handler> routes = new LinkedHashMap<>();
        routes.put("/livez", new LivezHandler());
        routes.put("/readyz", new ReadyzHandler(readiness, status));
        routes.put("/healthz", new HealthzHandler(readiness, status));
        routes.put("/metrics", new MetricsHandler(metrics));
        routes.put("/status", new StatusHandler(status, readiness, clock));
        if (console != null) {
            ConsoleAssets assets = new ConsoleAssets();
            routes.put(ConsoleAssets.PAGE, assets);
            routes.put(ConsoleAssets.PREFIX + "state", new ConsoleStateHandler(status, readiness, console, clock));
            routes.put(ConsoleAssets.PREFIX, assets);
            routes.put(HistoryHandler.PREFIX, new HistoryHandler(console));
        }
        this.routes = List.copyOf(routes.keySet());
        GracefulHandler graceful = new GracefulHandler(Router.of(routes));
        // Idle keep-alive connections (a scraper's) would otherwise hold a stop for a whole second.
        graceful.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
        server.setHandler(graceful);
    }

    /**
     * Binds the port and starts answering.
     *
     * @throws IOException if the port cannot be bound, e.g. because another process holds it
     */
    public void start() throws IOException {
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly();
            throw new IOException("HTTP server cannot listen on " + config.host() + ":" + config.port() + ": "
                    + FailureText.of(e) + "; free the port or set server.http.port to another one", e);
        }
        LOG.info("HTTP listening on {}:{} ({})", config.host(), port(), String.join(" ", routes));
    }

    /** The bound port; the one picked by the system when the configuration says 0. */
    public int port() {
        int port = connector.getLocalPort();
        if (port <= 0) {
            throw new IllegalStateException("HTTP server is not started");
        }
        return port;
    }

    /** Stops accepting, lets requests in flight finish for at most {@code grace}, then closes. */
    public void stop(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        server.setStopTimeout(Math.max(1, grace.toMillis()));
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("HTTP server did not stop cleanly: {}", e.toString());
        }
    }

    @Override
    public void close() {
        stop(DEFAULT_GRACE);
    }

    private void stopQuietly() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("HTTP server stop after a failed start: {}", e.toString());
        }
    }
}
