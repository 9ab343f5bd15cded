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
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.MetricSpec;
import dev.scalerhost.proto.MetricValue;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.Status;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExternalScalerServiceTest {

    private static final Timing TIMING = timing(100, 1000, 10_000);

    private final MutableClock clock = new MutableClock();
    private final FakeSource kafka = new FakeSource();
    private ScalerHarness harness;

    @BeforeEach
    void start() throws Exception {
        kafka.set("ingest-logs", 2500.4).set("compact-logs", 4).set("tiny", 0.3);
        ScalerHarness.Builder builder = ScalerHarness.with(clock).source("kafka", kafka)
                .bind(serviceType("ingest-logs", "kafka", 1500, 0, TIMING, Set.of()))
                .bind(serviceType("compact-logs", "kafka", 10, 5, TIMING, Set.of("target", "activation")))
                .bind(serviceType("tiny", "kafka", 0.2, 0, TIMING, Set.of()))
                .maxInboundBytes(2 * 1024 * 1024);
        for (int i = 0; i < 30; i++) {
            kafka.set("extra-" + i, i);
            builder.bind(serviceType("extra-" + i, "kafka", 1, 0, TIMING, Set.of()));
        }
        harness = builder.start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    @Test
    void kedaSequenceReturnsSpecThenValueWithBothFieldsThenActivity() {
        GetMetricSpecResponse spec = harness.blocking().getMetricSpec(ref("ingest-logs", "unsafeSsl", "false"));
        assertThat(spec.getMetricSpecsList()).containsExactly(MetricSpec.newBuilder()
                .setMetricName("ingest-logs").setTargetSize(1500).setTargetSizeFloat(1500).build());

        String name = spec.getMetricSpecs(0).getMetricName();
        GetMetricsResponse value = harness.blocking().getMetrics(GetMetricsRequest.newBuilder()
                .setScaledObjectRef(ref("ingest-logs")).setMetricName(name).build());
        assertThat(value.getMetricValuesList()).containsExactly(MetricValue.newBuilder()
                .setMetricName("ingest-logs").setMetricValue(2500).setMetricValueFloat(2500.4).build());

        assertThat(harness.blocking().isActive(ref("ingest-logs")).getResult()).isTrue();
    }

    @Test
    void isActiveComparesTheValueWithTheActivationThreshold() {
        assertThat(harness.blocking().isActive(ref("compact-logs")).getResult()).as("4 > 5").isFalse();

        kafka.set("compact-logs", 5.5);
        clock.advance(TIMING.refreshInterval());
        harness.blocking().isActive(ref("compact-logs"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.blocking().isActive(ref("compact-logs")).getResult());
    }

    @Test
    void smallTargetsAndValuesKeepTheFloatAndRoundTheInt() {
        MetricSpec spec = harness.blocking().getMetricSpec(ref("tiny")).getMetricSpecs(0);
        assertThat(spec.getTargetSizeFloat()).isEqualTo(0.2);
        assertThat(spec.getTargetSize()).as("at least 1").isEqualTo(1);

        MetricValue value = harness.blocking().getMetrics(metrics("tiny")).getMetricValues(0);
        assertThat(value.getMetricValueFloat()).isEqualTo(0.3);
        assertThat(value.getMetricValue()).isZero();
    }

    @Test
    void hugeAndNegativeValuesAreClampedAndSentAsMeasured() {
        kafka.set("extra-1", 1e30).set("extra-2", -3.4);
        // The engine's first measurement may have read the old values already; a refresh reads these.
        clock.advance(TIMING.refreshInterval());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.blocking().getMetrics(metrics("extra-1")).getMetricValues(0).getMetricValueFloat() == 1e30);
        MetricValue huge = harness.blocking().getMetrics(metrics("extra-1")).getMetricValues(0);
        assertThat(huge.getMetricValue()).isEqualTo(Long.MAX_VALUE);
        assertThat(huge.getMetricValueFloat()).isEqualTo(1e30);

        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.blocking().getMetrics(metrics("extra-2")).getMetricValues(0).getMetricValueFloat() == -3.4);
        MetricValue negative = harness.blocking().getMetrics(metrics("extra-2")).getMetricValues(0);
        assertThat(negative.getMetricValueFloat()).isEqualTo(-3.4);
        assertThat(negative.getMetricValue()).as("KEDA reads a value that is not > 0 from this field").isEqualTo(-3);
    }

    @Test
    void serviceTypeMatchesIgnoringCaseAndAnswersWithTheConfiguredName() {
        GetMetricSpecResponse spec = harness.blocking().getMetricSpec(ref(" Ingest-LOGS "));
        assertThat(spec.getMetricSpecs(0).getMetricName()).isEqualTo("ingest-logs");

        GetMetricsResponse value = harness.blocking().getMetrics(GetMetricsRequest.newBuilder()
                .setScaledObjectRef(ref("INGEST-logs")).setMetricName("Ingest-Logs").build());
        assertThat(value.getMetricValues(0).getMetricValueFloat()).isEqualTo(2500.4);
    }

    @Test
    void missingServiceTypeIsInvalidArgumentListingTheKnownOnes() {
        Status missing = statusOf(() -> harness.blocking().getMetricSpec(ref(null)));
        assertThat(missing.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(missing.getDescription()).contains("serviceType", "compact-logs", "extra-0", "and 13 more");

        Status blank = statusOf(() -> harness.blocking().isActive(ref("  ")));
        assertThat(blank.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void emptyMetadataIsInvalidArgument() {
        Status status = statusOf(() -> harness.blocking().getMetrics(GetMetricsRequest.newBuilder()
                .setScaledObjectRef(ScaledObjectRef.getDefaultInstance()).build()));
        assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(status.getDescription()).contains("compact-logs");
    }

    @Test
    void unknownServiceTypeIsNotFoundListingAShortListOfKnownOnes() {
        Status status = statusOf(() -> harness.blocking().getMetrics(metrics("ingest-traces")));
        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).contains("'ingest-traces'", "compact-logs", "extra-25", "and 13 more");
        assertThat(status.getDescription().length()).isLessThan(600);
    }

    @Test
    void hugeOrControlCharacterServiceTypeIsNotEchoedBack() {
        String hostile = "evil\n\u0000\u202e" + "x".repeat(100_000);
        Status status = statusOf(() -> harness.blocking().getMetricSpec(ref(hostile)));
        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).hasSizeLessThan(1000).doesNotContain("\n", "\u0000", "\u202e")
                .contains("evil???", "(100007 chars)");
    }

    @Test
    void metricNameOtherThanTheServiceTypeIsNotFound() {
        Status status = statusOf(() -> harness.blocking().getMetrics(GetMetricsRequest.newBuilder()
                .setScaledObjectRef(ref("ingest-logs")).setMetricName("s0-ingest-logs").build()));
        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).contains("'s0-ingest-logs'", "ingest-logs");
    }

    @Test
    void oneMebibyteOfMetadataIsServed() {
        GetMetricsResponse value = harness.blocking().getMetrics(metrics("ingest-logs", "note", "n".repeat(1024 * 1024)));
        assertThat(value.getMetricValues(0).getMetricValueFloat()).isEqualTo(2500.4);
    }

    @Test
    void requestOverTheConfiguredMaximumIsResourceExhaustedAndTheServerKeepsServing() {
        Status status = statusOf(() -> harness.blocking().getMetrics(metrics("ingest-logs", "note", "n".repeat(3 * 1024 * 1024))));
        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        assertThat(harness.blocking().getMetrics(metrics("ingest-logs")).getMetricValues(0).getMetricValueFloat()).isEqualTo(2500.4);
    }

    @Test
    void allowedOverridesChangeTargetAndActivationForThatTriggerOnly() {
        MetricSpec spec = harness.blocking().getMetricSpec(ref("compact-logs", "target", "3000.5")).getMetricSpecs(0);
        assertThat(spec.getTargetSizeFloat()).isEqualTo(3000.5);
        assertThat(spec.getTargetSize()).isEqualTo(3001);
        assertThat(harness.blocking().isActive(ref("compact-logs", "activation", "3")).getResult()).as("4 > 3").isTrue();

        assertThat(harness.blocking().getMetricSpec(ref("compact-logs")).getMetricSpecs(0).getTargetSizeFloat()).isEqualTo(10);
        assertThat(harness.blocking().isActive(ref("compact-logs")).getResult()).as("4 > 5").isFalse();
    }

    @Test
    void overridesTheBindingDoesNotAllowAreIgnored() {
        MetricSpec spec = harness.blocking().getMetricSpec(ref("ingest-logs", "target", "1", "activation", "1e9")).getMetricSpecs(0);
        assertThat(spec.getTargetSizeFloat()).isEqualTo(1500);
        assertThat(harness.blocking().isActive(ref("ingest-logs", "activation", "1e9")).getResult()).isTrue();
    }

    @Test
    void badOverrideNumberIsInvalidArgument() {
        Status notNumber = statusOf(() -> harness.blocking().getMetricSpec(ref("compact-logs", "target", "lots")));
        assertThat(notNumber.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(notNumber.getDescription()).contains("target", "compact-logs", "'lots'");

        Status zero = statusOf(() -> harness.blocking().getMetricSpec(ref("compact-logs", "target", "0")));
        assertThat(zero.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        Status infinite = statusOf(() -> harness.blocking().isActive(ref("compact-logs", "activation", "Infinity")));
        assertThat(infinite.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    }

    @Test
    void getMetricSpecAnswersFromConfigurationWhileTheSourceIsDown() {
        harness.blocking().getMetrics(metrics("ingest-logs"));
        kafka.failWith("broker unreachable");
        int calls = kafka.calls();
        for (int i = 0; i < 20; i++) {
            assertThat(harness.blocking().getMetricSpec(ref("extra-" + i)).getMetricSpecs(0).getTargetSizeFloat()).isEqualTo(1);
        }
        assertThat(kafka.calls()).isEqualTo(calls);
    }

    @Test
    void expiredDeadlineIsAnsweredQuickly() {
        kafka.delay(Duration.ofSeconds(2));
        clock.advance(Duration.ofMinutes(1));
        long started = System.nanoTime();
        Status status = statusOf(() -> harness.blocking().withDeadlineAfter(1, TimeUnit.MILLISECONDS).getMetrics(metrics("ingest-logs")));
        assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
        kafka.delay(Duration.ZERO);
        assertThat(harness.blocking().getMetricSpec(ref("ingest-logs")).getMetricSpecsCount()).isEqualTo(1);
    }
}
