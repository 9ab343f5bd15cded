package dev.scalerhost.testservers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A workload's {@code /metrics} endpoint in the Prometheus text format, serving gauges a test sets.
 *
 * <p>Listens on a free loopback port. Gauges are keyed by name and label set; {@link #rawBody}
 * replaces the rendered gauges with a fixed text, for malformed or unusual output.
 */
public final class MetricsEndpoint implements AutoCloseable {

    /** The market data pipeline's queue depth gauge, labelled {@code source}. */
    public static final String QUEUE_DEPTH = "pipeline_feedback_queue_depth";
    /** The market data pipeline's backpressure state: 0 ok, 1 soft, 2 hard. */
    public static final String BACKPRESSURE = "pipeline_backpressure_state";
    /** The market data pipeline's rate scale factor, 0.0 to 1.0, labelled {@code provider}. */
    public static final String RATE_SCALE = "pipeline_rate_scale_factor";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Map<String, Double>> gauges = new ConcurrentSkipListMap<>();
    private final AtomicReference<String> rawBody = new AtomicReference<>();
    private final AtomicInteger scrapes = new AtomicInteger();

    private MetricsEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Starts an endpoint on a free loopback port serving {@code /metrics}. */
    public static MetricsEndpoint start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "metrics-endpoint-" + server.getAddress().getPort());
            thread.setDaemon(true);
            return thread;
        });
        MetricsEndpoint endpoint = new MetricsEndpoint(server, executor);
        server.createContext("/metrics", endpoint::serve);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    /** The scrape URL, e.g. {@code http://127.0.0.1:41234/metrics}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    /**
     * Sets a gauge.
     *
     * @param labels name, value pairs, e.g. {@code "source", "store_coordinator"}
     */
    public MetricsEndpoint set(String name, double value, String... labels) {
        Objects.requireNonNull(name, "name");
        gauges.computeIfAbsent(name, key -> new ConcurrentSkipListMap<>()).put(renderLabels(labels), value);
        return this;
    }

    /** Removes one series of a gauge. */
    public MetricsEndpoint remove(String name, String... labels) {
        Map<String, Double> series = gauges.get(name);
        if (series != null) {
            series.remove(renderLabels(labels));
        }
        return this;
    }

    /** Removes every gauge. */
    public MetricsEndpoint clear() {
        gauges.clear();
        return this;
    }

    /** Serves {@code body} verbatim instead of the gauges; {@code null} goes back to the gauges. */
    public MetricsEndpoint rawBody(String body) {
        rawBody.set(body);
        return this;
    }

    /** How many times {@code /metrics} was requested. */
    public int scrapes() {
        return scrapes.get();
    }

    /** The text currently served. */
    public String render() {
        String raw = rawBody.get();
        if (raw != null) {
            return raw;
        }
        StringBuilder out = new StringBuilder();
        new TreeMap<>(gauges).forEach((name, series) -> {
            out.append("# HELP ").append(name).append(" Set by the test.\n");
            out.append("# TYPE ").append(name).append(" gauge\n");
            series.forEach((labels, value) -> out.append(name).append(labels).append(' ')
                    .append(formatValue(value)).append('\n'));
        });
        return out.toString();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            scrapes.incrementAndGet();
            byte[] body = render().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static String renderLabels(String... labels) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels must be name, value pairs");
        }
        if (labels.length == 0) {
            return "";
        }
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"").append(labels[i + 1].replace("\\", "\\\\")
                    .replace("\"", "\\\"").replace("\n", "\\n")).append('"');
        }
        return out.append('}').toString();
    }

    private static String formatValue(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    /** Stops serving; the port is released. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
