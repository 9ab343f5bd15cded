package dev.scalerhost.host.http;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.host.config.HttpConfig;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.host.history.HistorySnapshot;
import dev.scalerhost.host.history.MeasurementHistory;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.spi.Reading;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsoleEndpointsTest {

    private final HttpClient client = HttpClient.newHttpClient();
    private final MutableClock clock = new MutableClock();
    private final FakeStatus status = new FakeStatus();
    private final MeasurementHistory history = new MeasurementHistory(clock);
    private final ServiceTypeConfig lag = serviceType("ingest-logs", "kafka", 1000, 0,
            new Timing(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60)), Set.of());
    private HostHttpServer server;

    @BeforeEach
    void start() throws Exception {
        ConsoleView console = new ConsoleView() {
            @Override
            public Map<String, Timing> timings() {
                return Map.of(lag.serviceType(), lag.timing());
            }

            @Override
            public Optional<HistorySnapshot> history(String serviceType) {
                return history.snapshot(serviceType);
            }

            @Override
            public long failingSince(String serviceType) {
                return history.failingSince(serviceType);
            }
        };
        server = new HostHttpServer(new HttpConfig("127.0.0.1", 0, false), status, new HostMetrics(),
                new Readiness(false), console, clock);
        server.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void servesThePageAndTheChartLibraryFromThisHostOnly() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'self'"));
        assertThat(page.body()).contains("/console/uPlot.iife.min.js").doesNotContain("https://", "http://");
        assertThat(get("/console/uPlot.iife.min.js").body()).contains("uPlot");
        assertThat(get("/console/uPlot-LICENSE.txt").body()).contains("MIT");
        assertThat(get("/console/console.js").statusCode()).isEqualTo(200);
        assertThat(get("/console/nothing.js").statusCode()).isEqualTo(404);
    }

    @Test
    void historyIsJsonPointsWithTimeValueTargetReplicasAndDetails() throws Exception {
        history.measured(lag, clock.millis(), Reading.of(6500).withDetail("partitions", 8));
        clock.advance(MeasurementHistory.RESOLUTION);
        history.failed(lag, clock.millis(), "Kafka at kafka:9092 refused the connection");

        HttpResponse<String> response = get("/history/ingest-logs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode root = new ObjectMapper().readTree(response.body());
        assertThat(root.get("details").toString()).isEqualTo("[\"partitions\"]");
        JsonNode first = root.get("points").get(0);
        assertThat(first.get("time").asText()).isEqualTo(Instant.ofEpochMilli(first.get("t").asLong()).toString());
        assertThat(first.get("value").asDouble()).isEqualTo(6500);
        assertThat(first.get("target").asDouble()).isEqualTo(1000);
        assertThat(first.get("replicas").asInt()).isEqualTo(7);
        assertThat(first.get("details").get("partitions").asDouble()).isEqualTo(8);
        JsonNode failed = root.get("points").get(1);
        assertThat(failed.get("value").isNull()).as("an outage is never 0").isTrue();
        assertThat(failed.get("error").asText()).contains("refused");
        assertThat(root.get("failingSince").asText()).isEqualTo(Instant.ofEpochMilli(clock.millis()).toString());
    }

    @Test
    void anUnknownServiceTypeIsA404ListingTheKnownOnes() throws Exception {
        HttpResponse<String> response = get("/history/nope");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("nope", "ingest-logs");
    }

    @Test
    void stateSaysWhetherKedaGetsAValueAndSinceWhenNot() throws Exception {
        Instant measured = clock.instant().minus(Duration.ofSeconds(90));
        history.failed(lag, clock.millis() - 30_000, "connection refused");
        status.serviceTypes.add(new ServiceTypeStatus("ingest-logs", "kafka", "lag of group g", 1000, 0, 6500.0, measured,
                true, "connection refused", clock.instant(), Map.of()));
        status.sources.add(new SourceStatus("kafka", "kafka-lag", "kafka:9092", null, "connection refused"));

        JsonNode node = new ObjectMapper().readTree(get("/console/state").body()).get("serviceTypes").get("ingest-logs");

        assertThat(node.get("usable").asBoolean()).as("90 s old, maxStaleness 60 s").isFalse();
        assertThat(node.get("unavailableSince").asText()).isEqualTo(measured.plusSeconds(60).toString());
        assertThat(node.get("failingSince").asText()).isEqualTo(clock.instant().minusSeconds(30).toString());
        assertThat(node.get("replicas").asInt()).isEqualTo(7);
        assertThat(node.get("maxStalenessSeconds").asDouble()).isEqualTo(60);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
