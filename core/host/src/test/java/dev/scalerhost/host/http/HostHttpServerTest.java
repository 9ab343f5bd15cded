package dev.scalerhost.host.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.host.config.HttpConfig;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.host.metrics.PrometheusFormat;
import dev.scalerhost.host.status.CompositeStatus;
import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostHttpServerTest {

    private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FakeStatus status = new FakeStatus();
    private final HostMetrics metrics = new HostMetrics();
    private Readiness readiness;
    private HostHttpServer server;

    @BeforeEach
    void start() throws IOException {
        startWith(false);
    }

    private void startWith(boolean requireSources) throws IOException {
        if (server != null) {
            server.close();
        }
        readiness = new Readiness(requireSources);
        server = new HostHttpServer(new HttpConfig("127.0.0.1", 0, requireSources), status, metrics, readiness,
                Clock.fixed(NOW, ZoneOffset.UTC));
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(5))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return send("GET", path);
    }

    private void markStarted() {
        for (Readiness.Condition condition : Readiness.Condition.values()) {
            readiness.set(condition, true);
        }
    }

    @Test
    void listensOnAnEphemeralPort() {
        assertThat(server.port()).isPositive();
    }

    @Test
    void livezAnswersOkEvenBeforeReadyAndWhileShuttingDown() throws Exception {
        assertThat(get("/livez").statusCode()).isEqualTo(200);
        readiness.shuttingDown();

        HttpResponse<String> response = get("/livez");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok\n");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> v.startsWith("text/plain"));
    }

    @Test
    void readyzListsUnmetConditionsUntilStartedAndFlipsOnShutdown() throws Exception {
        readiness.set(Readiness.Condition.CONFIG_LOADED, true);
        HttpResponse<String> starting = get("/readyz");
        assertThat(starting.statusCode()).isEqualTo(503);
        assertThat(starting.body()).isEqualTo("not ready:\n- sources not opened\n- gRPC port not open\n");

        markStarted();
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("ok\n");

        readiness.shuttingDown();
        HttpResponse<String> stopping = get("/readyz");
        assertThat(stopping.statusCode()).isEqualTo(503);
        assertThat(stopping.body()).contains("- shutting down\n");
    }

    @Test
    void readyzIgnoresFailingSourceWhenSourcesAreNotRequired() throws Exception {
        markStarted();
        status.sources.add(new SourceStatus("kafka", "kafka-lag", "brokers a:9092", null, "timed out after 5s"));

        assertThat(get("/readyz").statusCode()).isEqualTo(200);
    }

    @Test
    void readyzFailsOnFailingSourceWhenSourcesAreRequired() throws Exception {
        startWith(true);
        markStarted();
        status.sources.add(new SourceStatus("kafka", "kafka-lag", "brokers a:9092", null, "timed out after 5s"));

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).isEqualTo("not ready:\n- source kafka failing: timed out after 5s\n");
    }

    @Test
    void healthzCountsFailingSourcesWhateverReadinessSays() throws Exception {
        markStarted();
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
        status.sources.add(new SourceStatus("db", "postgres", "jdbc:postgresql://db/x", null,
                "connection refused"));

        HttpResponse<String> response = get("/healthz");

        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("- source db failing: connection refused\n");
    }

    @Test
    void metricsServesTheWholeRegistryInTextFormat() throws Exception {
        metrics.withJvmMetrics();
        metrics.rpcRequest("GetMetrics", "a\"b", "OK").inc();
        metrics.rpcRequest("GetMetrics", "a\"b", "OK").inc();
        metrics.rpcSeconds("GetMetrics").observeNanos(Duration.ofMillis(50).toNanos());

        HttpResponse<String> response = get("/metrics");
        Map<String, String> samples = PrometheusFormat.parse(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(samples)
                .containsEntry(MetricsSamples.key("scalerhost_rpc_requests_total", "method", "GetMetrics",
                        "service_type", "a\"b", "code", "OK"), "2.0")
                .containsEntry("scalerhost_rpc_seconds_sum{method=\"GetMetrics\"}", "0.05")
                .containsKey("jvm_memory_used_bytes{area=\"heap\"}");
    }

    @Test
    void statusServesServiceTypesSourcesAndPluginsAsJson() throws Exception {
        markStarted();
        status.serviceTypes.add(new ServiceTypeStatus("ingest-logs", "kafka", "lag of group g on topic t", 1500, 0,
                4200.0, NOW.minusMillis(2500), true, null, null, Map.of("partitions", 12.0)));
        status.serviceTypes.add(new ServiceTypeStatus("compact", "db", "SELECT count(*) FROM q", 10, 1,
                null, null, false, "relation q does not exist", NOW.minusSeconds(1), null));
        status.sources.add(new SourceStatus("kafka", "kafka-lag", "brokers a:9092", NOW.minusSeconds(2), null));
        status.plugins.add(new PluginStatus("kafka-lag", List.of("kafka-lag"), null));

        HttpResponse<String> response = get("/status");
        JsonNode json = new ObjectMapper().readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json.get("ready").asBoolean()).isTrue();
        JsonNode ingest = json.get("serviceTypes").get("ingest-logs");
        assertThat(ingest.get("source").asText()).isEqualTo("kafka");
        assertThat(ingest.get("metric").asText()).isEqualTo("lag of group g on topic t");
        assertThat(ingest.get("value").asDouble()).isEqualTo(4200.0);
        assertThat(ingest.get("ageSeconds").asDouble()).isEqualTo(2.5);
        assertThat(ingest.get("active").asBoolean()).isTrue();
        assertThat(ingest.get("target").asDouble()).isEqualTo(1500.0);
        assertThat(ingest.get("activation").asDouble()).isEqualTo(0.0);
        assertThat(ingest.get("lastError").isNull()).isTrue();
        assertThat(ingest.get("details").get("partitions").asDouble()).isEqualTo(12.0);
        assertThat(ingest.has("composite")).isFalse();
        JsonNode compact = json.get("serviceTypes").get("compact");
        assertThat(compact.get("value").isNull()).isTrue();
        assertThat(compact.get("ageSeconds").isNull()).isTrue();
        assertThat(compact.get("lastError").asText()).isEqualTo("relation q does not exist");
        assertThat(compact.get("lastErrorAt").asText()).isEqualTo("2025-01-01T11:59:59Z");
        assertThat(json.get("sources").get("kafka").get("type").asText()).isEqualTo("kafka-lag");
        assertThat(json.get("plugins").get(0).get("types").get(0).asText()).isEqualTo("kafka-lag");
    }

    @Test
    void statusShowsACompositeWithItsParts() throws Exception {
        markStarted();
        status.serviceTypes.add(new ServiceTypeStatus("pressure", null, "max(depth, 2500*bp)", 5000, 0, 5000.0,
                NOW.minusSeconds(1), true, null, null, Map.of(), new CompositeStatus("max", List.of(
                        new CompositeStatus.Part("depth", 1, 1200.0, 1200.0, true),
                        new CompositeStatus.Part("bp", 2500, null, null, false)))));

        JsonNode pressure = new ObjectMapper().readTree(get("/status").body()).get("serviceTypes").get("pressure");

        assertThat(pressure.get("source").isNull()).isTrue();
        assertThat(pressure.get("metric").asText()).isEqualTo("max(depth, 2500*bp)");
        assertThat(pressure.get("composite").get("operator").asText()).isEqualTo("max");
        JsonNode parts = pressure.get("composite").get("parts");
        assertThat(parts.fieldNames()).toIterable().containsExactly("depth", "bp");
        assertThat(parts.get("depth").get("weight").asDouble()).isEqualTo(1.0);
        assertThat(parts.get("depth").get("weightedValue").asDouble()).isEqualTo(1200.0);
        assertThat(parts.get("depth").get("usable").asBoolean()).isTrue();
        assertThat(parts.get("bp").get("weight").asDouble()).isEqualTo(2500.0);
        assertThat(parts.get("bp").get("value").isNull()).isTrue();
        assertThat(parts.get("bp").get("usable").asBoolean()).isFalse();
    }

    @Test
    void unknownPathIsNotFoundAndListsEndpoints() throws Exception {
        HttpResponse<String> response = get("/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("/nope", "/livez", "/readyz", "/healthz", "/metrics", "/status");
    }

    @Test
    void otherMethodsThanGetAreNotAllowed() throws Exception {
        HttpResponse<String> response = send("POST", "/metrics");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void headAnswersWithoutBody() throws Exception {
        HttpResponse<String> response = send("HEAD", "/livez");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void failureInStatusViewIsAnInternalErrorNotACrash() throws Exception {
        server.close();
        readiness = new Readiness(false);
        server = new HostHttpServer(new HttpConfig("127.0.0.1", 0, false), new FakeStatus() {
            @Override
            public List<SourceStatus> sources() {
                throw new IllegalStateException("engine not started");
            }
        }, metrics, readiness);
        server.start();

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("internal error: engine not started\n");
        assertThat(get("/livez").statusCode()).isEqualTo(200);
    }

    @Test
    void portInUseFailsWithAClearMessage() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            HostHttpServer second = new HostHttpServer(new HttpConfig("127.0.0.1", taken.getLocalPort(), false),
                    status, metrics, new Readiness(false));

            assertThatThrownBy(second::start)
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("HTTP server cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("server.http.port");
        }
    }

    @Test
    void stopLetsRequestsInFlightFinish() throws Exception {
        server.close();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = new HostHttpServer(new HttpConfig("127.0.0.1", 0, false), new FakeStatus() {
            @Override
            public List<ServiceTypeStatus> serviceTypes() {
                entered.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return List.of();
            }
        }, metrics, new Readiness(false));
        server.start();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/status")).build();
        CompletableFuture<HttpResponse<String>> inFlight = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(5)));
        Thread.sleep(200);
        release.countDown();

        assertThat(inFlight.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        stopping.get(5, TimeUnit.SECONDS);
    }

    @Test
    void stopClosesThePort() throws Exception {
        int port = server.port();
        server.stop(Duration.ofSeconds(1));

        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/livez")).build();
        assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(ConnectException.class);
    }
}
