package dev.scalerhost.plugin.httpjson;

import static dev.scalerhost.plugin.httpjson.Sources.failure;
import static dev.scalerhost.plugin.httpjson.Sources.measure;
import static dev.scalerhost.plugin.httpjson.Sources.measureOne;
import static dev.scalerhost.plugin.httpjson.Sources.prepare;
import static dev.scalerhost.plugin.httpjson.Sources.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.plugin.httpjson.JsonServer.Answer;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: http-json} against the JDK's HTTP server, started per test on an ephemeral port. */
class HttpJsonSourceTest {

    private static final String QUEUE = """
            {"data": {"queue": {"depth": 42, "name": "ingest"}, "lag": " 1.5e3 ", "paused": false,
                      "owner": null, "status": "degraded", "shards": [3, 4]},
             "items": [{"value": "17.5"}, {"value": 8}],
             "a.b": {"c": 5}}
            """;

    private JsonServer server;
    private MetricSource source;
    private String sourceName;

    @BeforeEach
    void startServer() {
        server = JsonServer.http().serve("/queue", QUEUE).serve("/other", "{\"count\": 7}");
    }

    @AfterEach
    void stop() throws Exception {
        if (source != null) {
            source.close();
        }
        server.close();
    }

    private MetricSource open(Map<String, ?> more) throws Exception {
        Map<String, Object> keys = new java.util.HashMap<>(more);
        keys.putIfAbsent("url", server.url("/queue").toString());
        sourceName = "api-" + System.nanoTime();
        source = Sources.open(sourceName, keys);
        return source;
    }

    private Metric at(String location) {
        return prepare(source, Map.of("valueLocation", location));
    }

    @Test
    void readsEveryBindingOfOneUrlFromASingleRequest() throws Exception {
        open(Map.of());
        Metric pointer = at("/data/queue/depth");
        Metric dotted = at("items.1.value");
        Metric numericString = at("/items/0/value");
        Metric escapedDot = at("a\\.b.c");
        Metric other = prepare(source, Map.of("url", "/other", "valueLocation", "count"));

        Map<Metric, Reading> readings = measure(source, pointer, dotted, numericString, escapedDot, other);

        assertThat(readings).containsEntry(pointer, Reading.of(42)).containsEntry(dotted, Reading.of(8))
                .containsEntry(numericString, Reading.of(17.5)).containsEntry(escapedDot, Reading.of(5))
                .containsEntry(other, Reading.of(7));
        assertThat(server.requests("/queue")).isEqualTo(1);
        assertThat(server.requests("/other")).isEqualTo(1);
    }

    @Test
    void numericStringsWithSpacesAndExponentsAreValues() throws Exception {
        open(Map.of());
        assertThat(value(measureOne(source, at("data.lag")))).isEqualTo(1500);
    }

    @Test
    void valuesFollowTheDocument() throws Exception {
        open(Map.of());
        Metric depth = at("/data/queue/depth");
        assertThat(value(measureOne(source, depth))).isEqualTo(42);
        server.serve("/queue", "{\"data\": {\"queue\": {\"depth\": 0.25}}}");
        assertThat(value(measureOne(source, depth))).isEqualTo(0.25);
    }

    @Test
    void missingValueFailsOnlyItsBindingAndSaysWhatIsThere() throws Exception {
        open(Map.of());
        Metric good = at("/data/queue/depth");
        Metric noMember = at("/data/queue/size");
        Metric noIndex = at("items.5.value");
        Metric throughScalar = at("data.status.code");

        Map<Metric, Reading> readings = measure(source, good, noMember, noIndex, throughScalar);

        assertThat(readings.get(good)).isEqualTo(Reading.of(42));
        assertThat(failure(readings.get(noMember))).isEqualTo("no value at valueLocation '/data/queue/size' in the "
                + "response of " + server.url("/queue") + ": '/data/queue' has no member 'size'; its members are "
                + "depth, name");
        assertThat(failure(readings.get(noIndex))).contains("'/items' is an array of 2 elements, with no element '5'");
        assertThat(failure(readings.get(throughScalar))).contains("'/data/status' is a string, which has no member 'code'");
    }

    @Test
    void nonNumericValuesAreErrorsNamingWhatWasFound() throws Exception {
        open(Map.of());
        assertThat(failure(measureOne(source, at("data.status")))).isEqualTo("the value at valueLocation 'data.status' "
                + "in the response of " + server.url("/queue") + " is the string \"degraded\", not a number");
        assertThat(failure(measureOne(source, at("data.paused")))).contains("is the boolean false, not a number");
        assertThat(failure(measureOne(source, at("data.owner")))).contains("is null, not a number");
        assertThat(failure(measureOne(source, at("data.queue")))).contains("is an object, not a number");
        assertThat(failure(measureOne(source, at("data.shards")))).contains("is an array, not a number");
        server.serve("/queue", "{\"v\": \"Infinity\", \"h\": \"0x10\", \"big\": 1e400}");
        assertThat(failure(measureOne(source, at("v")))).contains("the string \"Infinity\", not a number");
        assertThat(failure(measureOne(source, at("h")))).contains("the string \"0x10\", not a number");
        assertThat(failure(measureOne(source, at("big")))).contains("out of range");
    }

    @Test
    void bearerTokenIsSentAndNeverShownInMessages() throws Exception {
        server.requireAuthorization("Bearer s3cret-token-value");
        open(Map.of("bearerToken", "s3cret-token-value"));
        assertThat(value(measureOne(source, at("/data/queue/depth")))).isEqualTo(42);
        source.close();

        open(Map.of("bearerToken", "wrong-token-value"));
        String message = failure(measureOne(source, at("/data/queue/depth")));
        assertThat(message).contains("refused the request with HTTP 401", "check bearerToken", "bad credentials: Bearer ***")
                .doesNotContain("wrong-token-value");
    }

    @Test
    void basicAuthenticationIsSentAndNeverShownInMessages() throws Exception {
        server.requireAuthorization("Basic c2NhbGVyOnBhc3N3b3JkLTE=");
        open(Map.of("username", "scaler", "password", "password-1"));
        assertThat(value(measureOne(source, at("/data/queue/depth")))).isEqualTo(42);
        source.close();

        open(Map.of("username", "scaler", "password", "password-2"));
        String message = failure(measureOne(source, at("/data/queue/depth")));
        assertThat(message).contains("HTTP 401", "Basic ***").doesNotContain("password-2", "c2NhbGVy");
    }

    @Test
    void customHeadersAreSentWithEveryRequest() throws Exception {
        open(Map.of("headers", Map.of("X-Tenant", "team-a")));
        measureOne(source, at("/data/queue/depth"));
        assertThat(server.customHeaders()).containsExactly("team-a");
    }

    @Test
    void httpsWithTheConfiguredCaWorksAndWithoutItFailsAsTls(@TempDir Path directory) throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.create(directory);
        try (JsonServer https = JsonServer.https(certificate.server()).serve("/queue", QUEUE)) {
            open(Map.of("url", https.url("/queue").toString(), "tls", Map.of("caFile", certificate.caFile().toString())));
            assertThat(value(measureOne(source, at("/data/queue/depth")))).isEqualTo(42);
            source.close();

            open(Map.of("url", https.url("/queue").toString()));
            assertThat(failure(measureOne(source, at("/data/queue/depth"))))
                    .startsWith("TLS with " + https.url("/queue") + " failed").contains("tls.caFile");
        }
    }

    @Test
    void slowServerFailsAtTheDeadlineWithoutWaitingForIt() throws Exception {
        server.answer("/queue", new Answer(200, QUEUE, 3_000));
        open(Map.of());
        Metric depth = at("/data/queue/depth");

        long start = System.nanoTime();
        Map<Metric, Reading> readings = source.measure(List.of(depth), Deadline.after(Duration.ofMillis(300)));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        assertThat(failure(readings.get(depth))).contains("did not answer before the measurement deadline");
    }

    @Test
    void serverDownIsAFailureNeverZero() throws Exception {
        open(Map.of());
        Metric depth = at("/data/queue/depth");
        assertThat(value(measureOne(source, depth))).isEqualTo(42);
        server.close();

        assertThat(failure(measureOne(source, depth))).contains(server.url("/queue").toString(), "unreachable")
                .doesNotContainPattern("[A-Za-z]+Exception");
        assertThat(Sources.counter("request_errors_total", sourceName, "cause", "unreachable")).isEqualTo(1);
    }

    @Test
    void errorStatusAndNonJsonBodiesFailTheBindingsOfThatUrl() throws Exception {
        open(Map.of());
        server.answer("/queue", new Answer(503, "upstream   overloaded\n", 0));
        assertThat(failure(measureOne(source, at("/data/queue/depth"))))
                .isEqualTo(server.url("/queue") + " answered HTTP 503: upstream overloaded");

        server.answer("/queue", new Answer(200, "<html>login</html>", 0));
        assertThat(failure(measureOne(source, at("/data/queue/depth"))))
                .startsWith("the response of " + server.url("/queue") + " (application/json) is not JSON: ")
                .contains("line 1, column");

        server.answer("/queue", new Answer(200, "{\"a\": 1} {\"b\": 2}", 0));
        assertThat(failure(measureOne(source, at("/a")))).contains("more content after the first JSON value");
    }

    @Test
    void oversizedResponseIsRefused() throws Exception {
        open(Map.of());
        server.serve("/queue", "[" + "1,".repeat(JsonResponse.MAX_BODY_BYTES / 2) + "1]");
        assertThat(failure(measureOne(source, at("/0")))).contains("larger than " + JsonResponse.MAX_BODY_BYTES);
    }

    @Test
    void closingEndsAMeasurementInFlight() throws Exception {
        server.answer("/queue", new Answer(200, QUEUE, 10_000));
        open(Map.of());
        Metric depth = at("/data/queue/depth");
        CompletableFuture<Map<Metric, Reading>> running = CompletableFuture.supplyAsync(() -> {
            try {
                return source.measure(List.of(depth), Deadline.after(Duration.ofSeconds(30)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);

        source.close();

        assertThat(failure(running.get(3, TimeUnit.SECONDS).get(depth))).contains("cancelled: the source is closing");
    }
}
