package dev.scalerhost.plugin.prometheus;

import static dev.scalerhost.plugin.prometheus.Sources.awaitValue;
import static dev.scalerhost.plugin.prometheus.Sources.failure;
import static dev.scalerhost.plugin.prometheus.Sources.measure;
import static dev.scalerhost.plugin.prometheus.Sources.prepare;
import static dev.scalerhost.plugin.prometheus.Sources.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.scalerhost.host.config.ConfigBinder;
import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.config.PluginKeys;
import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.testservers.MetricsEndpoint;
import dev.scalerhost.testservers.PrometheusServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A KEDA prometheus trigger's keys moved over unchanged, against a real Prometheus: KEDA's spellings
 * and string forms reach the server, {@code ignoreNullValues} means what it means to KEDA where it is
 * given, and a filtering comparison needs a value for its empty result at load time.
 */
class KedaPrometheusKeysTest {

    private static MetricsEndpoint endpoint;
    private static PrometheusServer prometheus;
    private static HttpServer recorder;
    private static final Queue<URI> REQUESTS = new ConcurrentLinkedQueue<>();
    private static final Queue<Map<String, List<String>>> HEADERS = new ConcurrentLinkedQueue<>();
    private MetricSource source;

    @BeforeAll
    static void startPrometheus() throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "prometheus is not installed");
        endpoint = MetricsEndpoint.start();
        endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 1200, "source", "store_coordinator")
                .set(MetricsEndpoint.RATE_SCALE, 0.9, "provider", "ibkr")
                .set(MetricsEndpoint.BACKPRESSURE, 0, "provider", "ibkr");
        prometheus = PrometheusServer.start(endpoint.url());
        prometheus.awaitFirstScrape(Duration.ofSeconds(30));
        recorder = recordingProxy(prometheus.url());
    }

    @AfterAll
    static void stopPrometheus() {
        if (recorder != null) {
            recorder.stop(0);
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @BeforeEach
    void openSource() throws Exception {
        source = Sources.open(new PrometheusSourceProvider(), "keda", Map.of("serverAddress", prometheus.url().toString()));
    }

    @AfterEach
    void closeSource() throws Exception {
        source.close();
    }

    @Test
    void kedaStringFormsOfHeadersAndParametersAndTheNamespaceReachTheServer() throws Exception {
        String url = "http://127.0.0.1:" + recorder.getAddress().getPort();
        try (MetricSource keda = Sources.open(new PrometheusSourceProvider(), "recorded", Map.of(
                "serverAddress", url,
                "customHeaders", "X-Scope-OrgID=team-a, X-Client = keda",
                "queryParameters", "dedup=true,partial_response=false",
                "namespace", "payments"))) {
            REQUESTS.clear();
            HEADERS.clear();
            Metric depth = prepare(keda, Map.of("query", "max(pipeline_feedback_queue_depth{source=\"store_coordinator\"})"));
            assertThat(value(measure(keda, depth))).isEqualTo(1200);
            assertThat(REQUESTS).singleElement().extracting(URI::getRawQuery).asString()
                    .endsWith("&dedup=true&partial_response=false&namespace=payments");
            assertThat(HEADERS.peek()).containsEntry("X-scope-orgid", List.of("team-a"))
                    .containsEntry("X-client", List.of("keda"));

            REQUESTS.clear();
            Metric tenant = prepare(keda, Map.of("query", "max(pipeline_feedback_queue_depth)", "namespace", "orders"));
            assertThat(value(measure(keda, tenant))).isEqualTo(1200);
            assertThat(REQUESTS).singleElement().extracting(URI::getRawQuery).asString()
                    .as("the binding's namespace wins").endsWith("&namespace=orders");
        }
    }

    @Test
    void ignoreNullValuesTrueReadsAnEmptyResultAndNaNAsZeroAsKedaDoes() throws Exception {
        endpoint.set("keda_nan_gauge", Double.NaN);
        awaitValue(source, query("count(keda_nan_gauge)", Map.of()), 1);

        assertThat(value(measure(source, query("max(no_such_metric)", Map.of("ignoreNullValues", "true"))))).isZero();
        assertThat(value(measure(source, query("keda_nan_gauge", Map.of("ignoreNullValues", true))))).isZero();
        assertThat(value(measure(source, query("-max(pipeline_feedback_queue_depth) / 0", Map.of("ignoreNullValues", true)))))
                .as("-Inf").isZero();

        assertThat(failure(measure(source, query("max(no_such_metric)", Map.of("ignoreNullValues", false)))))
                .contains("returned no series");
        assertThat(failure(measure(source, query("max(no_such_metric)", Map.of()))))
                .as("absent: scalerhost's default, an error rather than a silent scale-in").contains("returned no series");
        assertThat(failure(measure(source, query("keda_nan_gauge", Map.of())))).contains("NaN", "finite");
    }

    @Test
    void ignoreNullValuesAndEmptyAsTogetherAreRefused() {
        NodeSettings settings = TestSettings.fromMap("serviceTypes.t",
                Map.of("query", "max(up)", "ignoreNullValues", true, "emptyAs", 0));
        assertThat(source.prepare(settings)).isNull();
        assertThat(Sources.problems(settings)).singleElement().asString()
                .startsWith("serviceTypes.t.ignoreNullValues: and emptyAs both say what an empty result is");
    }

    @Test
    void oneSeriesRangeVectorIsAnErrorEvenWithIgnoreNullValues() throws Exception {
        assertThat(failure(measure(source, query("max(pipeline_feedback_queue_depth)[1m:10s]",
                Map.of("ignoreNullValues", true))))).contains("range vector");
    }

    @Test
    void filteringComparisonNeedsAValueForItsEmptyResult() throws Exception {
        NodeSettings settings = TestSettings.fromMap("serviceTypes.rate-scale",
                Map.of("query", "min(pipeline_rate_scale_factor) < 0.3"));
        assertThat(source.prepare(settings)).isNull();
        assertThat(Sources.problems(settings)).containsExactly("serviceTypes.rate-scale.query: its outer operation is "
                + "the comparison '<' without bool, which returns no series at all while the condition is false; set "
                + "emptyAs: 0 (or ignoreNullValues: true, as KEDA reads it) to give that a value, or write '< bool' to "
                + "get 1 or 0");

        Metric low = query("min(pipeline_rate_scale_factor) < 0.3", Map.of("emptyAs", 0));
        assertThat(value(measure(source, low))).as("0.9 is not below 0.3: no series").isZero();
        assertThat(value(measure(source, query("min(pipeline_rate_scale_factor) < bool 0.3", Map.of())))).isZero();
        assertThat(value(measure(source, query("min(pipeline_rate_scale_factor) < 0.3 or vector(0)", Map.of())))).isZero();
    }

    @Test
    void kedaTimeoutInBareMillisecondsIsReadForPrometheusBindings(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keda-timeout.yaml");
        Files.writeString(file, """
                sources:
                  prom: {type: prometheus, serverAddress: "%s"}
                  other: {type: not-prometheus}
                serviceTypes:
                  quick: {source: prom, query: max(pipeline_feedback_queue_depth), threshold: 100, timeout: "1500"}
                  with-unit: {source: prom, query: max(pipeline_feedback_queue_depth), threshold: 100, timeout: 2s}
                  fractional: {source: prom, query: max(up), threshold: 1, timeout: 1.5}
                  elsewhere: {source: other, target: 1, timeout: 1500}
                """.formatted(prometheus.url()));
        PrometheusSourceProvider provider = new PrometheusSourceProvider();
        ConfigDocument document = ConfigDocument.read(file, name -> null);
        HostConfig config = new ConfigBinder(document, dir)
                .bindWith(type -> type.equals("prometheus") ? PluginKeys.of(provider) : null);

        assertThat(config.serviceTypes().get("quick").timing().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.serviceTypes().get("with-unit").timing().timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(document.problems().list()).extracting(ConfigProblem::render).satisfiesExactly(
                fractional -> assertThat(fractional).startsWith("serviceTypes.fractional.timeout (line 7")
                        .endsWith("expected a whole number of milliseconds (KEDA's form) or a duration "
                                + "(250ms, 5s, 2m, 1h or ISO-8601 like PT5S), got '1.5'"),
                elsewhere -> assertThat(elsewhere).startsWith("serviceTypes.elsewhere.timeout (line 8")
                        .contains("a bare number is ambiguous as a duration"));

        Metric quick = source.prepare(config.serviceTypes().get("quick").params());
        assertThat(value(measure(source, quick))).isEqualTo(1200);
    }

    private Metric query(String promql, Map<String, ?> more) {
        Map<String, Object> params = new HashMap<>(more);
        params.put("query", promql);
        return prepare(source, params);
    }

    /** Forwards every request to {@code target}, recording its URI and headers. */
    private static HttpServer recordingProxy(URI target) throws Exception {
        HttpClient forward = HttpClient.newHttpClient();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                REQUESTS.add(exchange.getRequestURI());
                HEADERS.add(Map.copyOf(exchange.getRequestHeaders()));
                HttpResponse<byte[]> answer = forward.send(HttpRequest.newBuilder(
                        URI.create(target + exchange.getRequestURI().toString())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        return server;
    }
}
