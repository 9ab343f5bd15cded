package dev.scalerhost.plugin.prometheus;

import static dev.scalerhost.plugin.prometheus.Sources.awaitFailure;
import static dev.scalerhost.plugin.prometheus.Sources.awaitValue;
import static dev.scalerhost.plugin.prometheus.Sources.failure;
import static dev.scalerhost.plugin.prometheus.Sources.measure;
import static dev.scalerhost.plugin.prometheus.Sources.prepare;
import static dev.scalerhost.plugin.prometheus.Sources.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.MetricsEndpoint;
import dev.scalerhost.testservers.PrometheusServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code type: prometheus} against a real Prometheus scraping a metrics endpoint the tests change. */
class PrometheusSourceTest {

    private static MetricsEndpoint endpoint;
    private static PrometheusServer prometheus;
    private MetricSource source;

    @BeforeAll
    static void startPrometheus() throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "prometheus is not installed");
        endpoint = MetricsEndpoint.start();
        endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 1200, "source", "store_coordinator")
                .set(MetricsEndpoint.QUEUE_DEPTH, 300, "source", "market_feed")
                .set(MetricsEndpoint.BACKPRESSURE, 0, "provider", "ibkr");
        prometheus = PrometheusServer.start(endpoint.url());
        prometheus.awaitFirstScrape(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopPrometheus() {
        if (prometheus != null) {
            prometheus.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @BeforeEach
    void openSource() throws Exception {
        source = Sources.open(new PrometheusSourceProvider(), "prom", Map.of("url", prometheus.url().toString()));
    }

    @AfterEach
    void closeSource() throws Exception {
        source.close();
    }

    private Metric query(String promql, Map<String, ?> more) {
        Map<String, Object> params = new java.util.HashMap<>(more);
        params.put("query", promql);
        return prepare(source, params);
    }

    @Test
    void valuesFollowTheGaugesTheTestChanges() throws Exception {
        Metric depth = query("max(pipeline_feedback_queue_depth{source=\"store_coordinator\"})", Map.of());
        awaitValue(source, depth, 1200);

        endpoint.set("follow_depth", 7000);
        Metric follow = query("max(follow_depth)", Map.of());
        awaitValue(source, follow, 7000);
        endpoint.set("follow_depth", 250.5);
        awaitValue(source, follow, 250.5);
        assertThat(Sources.timerCount("request_duration_seconds", "prom")).isPositive();
    }

    @Test
    void emptyResultIsAnErrorUnlessEmptyAsGivesAValue() throws Exception {
        String message = failure(measure(source, query("max(no_such_metric)", Map.of())));
        assertThat(message).contains("max(no_such_metric)", "returned no series", "emptyAs");

        assertThat(value(measure(source, query("max(no_such_metric)", Map.of("emptyAs", 0))))).isZero();
    }

    @Test
    void nanIsAnErrorNotAValue() throws Exception {
        endpoint.set("nan_gauge", Double.NaN);
        String message = awaitFailureOnceScraped(query("nan_gauge", Map.of()), "nan_gauge");
        assertThat(message).contains("NaN", "finite");
    }

    @Test
    void severalSeriesAreAnErrorUnlessAggregated() throws Exception {
        endpoint.set("multi_gauge", 1, "shard", "a").set("multi_gauge", 2, "shard", "b").set("multi_gauge", 6, "shard", "c");
        awaitValue(source, query("count(multi_gauge)", Map.of()), 3);

        String message = failure(measure(source, query("multi_gauge", Map.of())));
        assertThat(message).contains("returned 3 series", "shard=\"a\"", "aggregate: max|min|sum|avg");

        assertThat(value(measure(source, query("multi_gauge", Map.of("aggregate", "max"))))).isEqualTo(6);
        assertThat(value(measure(source, query("multi_gauge", Map.of("aggregate", "min"))))).isEqualTo(1);
        assertThat(value(measure(source, query("multi_gauge", Map.of("aggregate", "sum"))))).isEqualTo(9);
        assertThat(value(measure(source, query("multi_gauge", Map.of("aggregate", "avg"))))).isEqualTo(3);
    }

    @Test
    void scalarResultIsAccepted() throws Exception {
        assertThat(value(measure(source, query("21 * 2", Map.of())))).isEqualTo(42);
        assertThat(value(measure(source, query("scalar(max(pipeline_backpressure_state))", Map.of())))).isZero();
    }

    @Test
    void badPromQlFailsWithPrometheusOwnMessage() throws Exception {
        String message = failure(measure(source, query("max(", Map.of())));
        assertThat(message).contains("rejected query 'max('", "bad_data", "parse error");
    }

    @Test
    void rangeVectorIsRejectedWithAHint() throws Exception {
        assertThat(failure(measure(source, query("up[1m]", Map.of())))).contains("range vector");
    }

    @Test
    void stoppedPrometheusIsAFailureNotZeroAndTheSameSourceRecoversAfterRestart() throws Exception {
        Metric depth = query("max(pipeline_feedback_queue_depth)", Map.of());
        awaitValue(source, depth, 1200);
        long before = Sources.counter("request_errors_total", "prom", "cause", "unreachable");

        prometheus.stop();
        try {
            Reading down = measure(source, depth);
            assertThat(failure(down)).contains("Prometheus at " + prometheus.url(), "unreachable");
            assertThat(Sources.counter("request_errors_total", "prom", "cause", "unreachable")).isGreaterThan(before);
        } finally {
            prometheus.start();
        }
        awaitValue(source, depth, 1200);
    }

    @Test
    void identicalQueriesOfABatchRunOnceAndDistinctOnesConcurrentlyWithinTheDeadline() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Queue<String> requests = new ConcurrentLinkedQueue<>();
        HttpServer hung = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService handlers = Executors.newCachedThreadPool();
        hung.setExecutor(handlers);
        hung.createContext("/", exchange -> {
            requests.add(exchange.getRequestURI().getRawQuery());
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        hung.start();
        try (MetricSource slow = Sources.open(new PrometheusSourceProvider(), "slow",
                Map.of("url", "http://127.0.0.1:" + hung.getAddress().getPort()))) {
            Metric a = prepare(slow, Map.of("query", "a"));
            Metric sameAsA = prepare(slow, Map.of("query", "a"));
            Metric b = prepare(slow, Map.of("query", "b"));
            Metric c = prepare(slow, Map.of("query", "c"));

            long start = System.nanoTime();
            Map<Metric, Reading> readings = slow.measure(List.of(a, sameAsA, b, c), Deadline.after(Duration.ofSeconds(1)));
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).isLessThan(Duration.ofMillis(1800));
            assertThat(readings).containsKeys(a, sameAsA, b, c);
            readings.values().forEach(reading -> assertThat(failure(reading)).contains("did not answer"));
            assertThat(requests).hasSize(3);
        } finally {
            release.countDown();
            hung.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void wrongBearerTokenIsAClearErrorWithoutTheTokenAndExtraParametersArrive() throws Exception {
        Queue<String> queries = new ConcurrentLinkedQueue<>();
        HttpClient forward = HttpClient.newHttpClient();
        HttpServer guard = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        guard.createContext("/", exchange -> {
            try (exchange) {
                if (!"Bearer right-token-123".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                queries.add(exchange.getRequestURI().getRawQuery());
                HttpResponse<byte[]> answer = forward.send(HttpRequest.newBuilder(
                        URI.create(prometheus.url() + exchange.getRequestURI().toString())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        guard.start();
        String url = "http://127.0.0.1:" + guard.getAddress().getPort();
        try (MetricSource right = Sources.open(new PrometheusSourceProvider(), "guarded", Map.of(
                "url", url, "bearerToken", "right-token-123", "queryParameters", Map.of("tenant", "team a")));
             MetricSource wrong = Sources.open(new PrometheusSourceProvider(), "guarded-wrong",
                     Map.of("url", url, "bearerToken", "wrong-token-456"))) {
            Metric depth = prepare(right, Map.of("query", "max(pipeline_feedback_queue_depth)"));
            assertThat(value(measure(right, depth))).isEqualTo(1200);
            assertThat(queries).singleElement().asString().endsWith("&tenant=team+a");

            Metric denied = prepare(wrong, Map.of("query", "max(pipeline_feedback_queue_depth)"));
            String message = failure(measure(wrong, denied));
            assertThat(message).contains("HTTP 401", "bearerToken").doesNotContain("wrong-token-456");
            assertThat(Sources.counter("request_errors_total", "guarded-wrong", "cause", "unauthorized")).isEqualTo(1);
        } finally {
            guard.stop(0);
        }
    }

    private String awaitFailureOnceScraped(Metric metric, String name) throws Exception {
        awaitValue(source, query("count(" + name + ")", Map.of()), 1);
        return awaitFailure(source, metric);
    }
}
