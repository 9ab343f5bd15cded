package dev.scalerhost.it.market;

import static org.awaitility.Awaitility.await;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import dev.scalerhost.testservers.PrometheusServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The market data pipeline as the shipped {@code config/market-data-pipeline.yaml} sees it: a
 * {@link MetricsEndpoint} serving the pipeline's gauges, a real Prometheus scraping it every second,
 * and the built distribution running a test copy of the config (local ports, the endpoint's URL,
 * short timing), with {@code PROMETHEUS_URL} pointing at the Prometheus. Everything starts once per
 * test class.
 */
final class PipelineSetup implements AutoCloseable {

    /** The test copy's timing for both sources: a scrape lands within about a second of a change. */
    static final Duration REFRESH = Duration.ofMillis(500);
    static final Duration MAX_STALENESS = Duration.ofSeconds(4);
    /** Long enough for a scrape and a refresh to carry a gauge change through. */
    static final Duration PROPAGATION = Duration.ofSeconds(20);

    static final String STORE = "store_coordinator";

    final MetricsEndpoint endpoint;
    final PrometheusServer prometheus;
    final ScalerhostProcess host;
    final KedaClient keda;

    private PipelineSetup(MetricsEndpoint endpoint, PrometheusServer prometheus, ScalerhostProcess host) {
        this.endpoint = endpoint;
        this.prometheus = prometheus;
        this.host = host;
        this.keda = KedaClient.connect(host.grpcPort());
    }

    /** Starts the endpoint (queue empty, no backpressure), Prometheus, and the host once Prometheus has scraped. */
    static PipelineSetup start(String name) throws IOException {
        Distribution distribution = Distribution.unpacked();
        MetricsEndpoint endpoint = MetricsEndpoint.start();
        PrometheusServer prometheus = null;
        try {
            gauges(endpoint, 0, 0);
            // Another source's queue, which the config's label filter must leave out.
            endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 99_999, "source", "ingest_buffer");
            prometheus = PrometheusServer.start(endpoint.url());
            prometheus.awaitFirstScrape(Duration.ofSeconds(30));
            ScalerhostProcess host = ScalerhostProcess.builder(distribution)
                    .name(name)
                    .config(testCopy(distribution.config().resolve("market-data-pipeline.yaml"), endpoint.url()))
                    .env("PROMETHEUS_URL", prometheus.url().toString())
                    .start();
            return new PipelineSetup(endpoint, prometheus, host);
        } catch (IOException | RuntimeException | Error e) {
            if (prometheus != null) {
                prometheus.close();
            }
            endpoint.close();
            throw e;
        }
    }

    /** Sets the store coordinator's queue depth and the backpressure of both providers ({@code ibkr} the worse one). */
    static void gauges(MetricsEndpoint endpoint, double depth, double backpressure) {
        endpoint.set(MetricsEndpoint.QUEUE_DEPTH, depth, "source", STORE)
                .set(MetricsEndpoint.BACKPRESSURE, backpressure, "provider", "ibkr")
                .set(MetricsEndpoint.BACKPRESSURE, 0, "provider", "polygon");
    }

    void gauges(double depth, double backpressure) {
        gauges(endpoint, depth, backpressure);
    }

    /**
     * Waits until a KEDA poll of {@code serviceType} returns {@code expected}, and returns that poll.
     * UNAVAILABLE meanwhile is tolerated (a measurement may time out on a busy machine); any other
     * failure is not.
     */
    KedaClient.Poll awaitValue(String serviceType, double expected) {
        return await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsMatching(e -> e instanceof StatusRuntimeException failed
                        && failed.getStatus().getCode() == Status.Code.UNAVAILABLE)
                .until(() -> keda.poll(serviceType), poll -> poll.value() == expected);
    }

    /**
     * The shipped file with only what a test must change: listeners on free local ports, the
     * distribution's plugins, the endpoint's URL, and short timing on both sources.
     */
    static String testCopy(Path shipped, URI endpointUrl) throws IOException {
        String text = Files.readString(shipped, StandardCharsets.UTF_8);
        String timing = "    refreshInterval: " + REFRESH.toMillis() + "ms\n    timeout: 2s\n"
                + "    maxStaleness: " + MAX_STALENESS.toSeconds() + "s\n";
        text = replaceOnce(text, "  grpc: {port: 9090}\n  http: {port: 8080}\n",
                "  grpc: {host: 127.0.0.1, port: @GRPC_PORT@}\n  http: {host: 127.0.0.1, port: @HTTP_PORT@}\n");
        text = replaceOnce(text, "plugins: {directory: plugins}", "plugins: {directory: \"@PLUGINS_DIR@\"}");
        text = replaceOnce(text, "    type: prometheus\n", "    type: prometheus\n" + timing);
        text = replaceOnce(text, "    type: metrics-endpoint\n", "    type: metrics-endpoint\n" + timing);
        return replaceOnce(text, "url: http://127.0.0.1:8000/metrics", "url: " + endpointUrl);
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("config/market-data-pipeline.yaml no longer contains '" + from.strip()
                    + "' exactly once; update the test copy in " + PipelineSetup.class.getSimpleName());
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    @Override
    public void close() {
        try (endpoint; prometheus; host) {
            keda.close();
        }
    }
}
