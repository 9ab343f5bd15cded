package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.GrpcAssertions.statusOf;
import static dev.scalerhost.host.grpc.ScalerHarness.metrics;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.spi.Reading;
import io.grpc.Status;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeasurementFailureTest {

    private static final Timing TIMING = timing(100, 300, 1000);

    private final MutableClock clock = new MutableClock();
    private final FakeSource kafka = new FakeSource();
    private ScalerHarness harness;

    @AfterEach
    void stop() throws Exception {
        if (harness != null) {
            harness.close();
        }
    }

    private void start(Timing timing) throws Exception {
        harness = ScalerHarness.with(clock).source("kafka", kafka)
                .bind(serviceType("ingest-logs", "kafka", 100, 0, timing, Set.of()))
                .bind(serviceType("compact-logs", "kafka", 100, 0, timing, Set.of()))
                .start();
    }

    private double value(String serviceType) {
        return harness.blocking().getMetrics(metrics(serviceType)).getMetricValues(0).getMetricValueFloat();
    }

    @Test
    void servesTheLastGoodValueUntilMaxStalenessThenUnavailableNamingSourceAndCause() throws Exception {
        kafka.set("ingest-logs", 42).set("compact-logs", 1);
        start(TIMING);
        assertThat(value("ingest-logs")).isEqualTo(42);

        kafka.failWith("broker kafka-1:9092 unreachable");
        clock.advance(Duration.ofMillis(100));
        assertThat(value("ingest-logs")).isEqualTo(42);
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.engine.serviceTypeStatuses().get(0).lastError() != null);
        assertThat(value("ingest-logs")).as("last good value while failing").isEqualTo(42);
        assertThat(harness.blocking().isActive(ref("ingest-logs")).getResult()).isTrue();

        clock.advance(Duration.ofMillis(1000));
        Status stale = statusOf(() -> harness.blocking().getMetrics(metrics("ingest-logs")));
        assertThat(stale.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(stale.getDescription()).contains("serviceType 'ingest-logs'", "source 'kafka'",
                "broker kafka-1:9092 unreachable", "older than maxStaleness 1s").doesNotContain("\tat ");
        assertThat(statusOf(() -> harness.blocking().isActive(ref("ingest-logs"))).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(harness.blocking().getMetricSpec(ref("ingest-logs")).getMetricSpecsCount()).isEqualTo(1);
    }

    @Test
    void recoversWithTheNextMeasurementAfterAnOutage() throws Exception {
        kafka.failWith("connection refused");
        start(TIMING);
        assertThat(statusOf(() -> harness.blocking().getMetrics(metrics("ingest-logs"))).getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);

        kafka.recover().set("ingest-logs", 7);
        clock.advance(Duration.ofMillis(100));
        assertThat(value("ingest-logs")).isEqualTo(7);
        assertThat(harness.engine.sourceStatuses().get(0).lastError()).isNull();
    }

    @Test
    void firstMeasurementFailingIsUnavailableWithTheCause() throws Exception {
        kafka.failWith("authentication failed for user scaler");
        start(TIMING);
        Status status = statusOf(() -> harness.blocking().getMetrics(metrics("ingest-logs")));
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).contains("source 'kafka'", "authentication failed for user scaler",
                "no value measured yet");
    }

    @Test
    void perMetricFailureFailsOnlyThatServiceType() throws Exception {
        kafka.set("ingest-logs", Reading.failure("topic lakerunner.logs does not exist")).set("compact-logs", 9);
        start(TIMING);
        Status status = statusOf(() -> harness.blocking().getMetrics(metrics("ingest-logs")));
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).contains("ingest-logs", "topic lakerunner.logs does not exist");
        assertThat(value("compact-logs")).isEqualTo(9);
        assertThat(harness.engine.sourceStatuses().get(0).lastError()).as("the source itself works").isNull();
    }

    @Test
    void metricMissingFromTheResultFailsOnlyThatServiceType() throws Exception {
        kafka.set("compact-logs", 9);
        start(TIMING);
        Status status = statusOf(() -> harness.blocking().isActive(ref("ingest-logs")));
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).contains("no reading");
        assertThat(value("compact-logs")).isEqualTo(9);
    }

    @Test
    void hangingMeasurementReturnsWithinTheCallersDeadline() throws Exception {
        CountDownLatch hung = kafka.hang();
        start(timing(100, 3000, 10_000));
        long started = System.nanoTime();
        Status status = statusOf(() -> harness.blocking().withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                .getMetrics(metrics("ingest-logs")));
        assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
        kafka.release(hung);
    }

    @Test
    void hangingMeasurementFailsAtTheBindingTimeoutAndNoSecondCallStartsBesideIt() throws Exception {
        kafka.set("ingest-logs", 42).set("compact-logs", 1);
        CountDownLatch hung = kafka.hang();
        start(TIMING);
        long started = System.nanoTime();
        Status status = statusOf(() -> harness.blocking().getMetrics(metrics("ingest-logs")));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).contains("source 'kafka'", "timed out after 300ms");

        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofMillis(100));
            Status stuck = statusOf(() -> harness.blocking().getMetrics(metrics("ingest-logs")));
            assertThat(stuck.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
        Thread.sleep(100);
        assertThat(kafka.calls()).as("no call beside the hanging one").isEqualTo(1);
        assertThat(statusOf(() -> harness.blocking().isActive(ref("compact-logs"))).getDescription())
                .contains("has not returned yet");

        kafka.release(hung);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(value("ingest-logs")).isEqualTo(42));
        assertThat(kafka.maxConcurrentCalls()).isEqualTo(1);
    }
}
