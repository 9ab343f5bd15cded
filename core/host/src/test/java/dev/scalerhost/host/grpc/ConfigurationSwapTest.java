package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.ScalerHarness.metrics;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.host.engine.TestServiceTypes;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ScalerService#swap}: a reloaded configuration replaces engine and catalog under open streams and running calls. */
class ConfigurationSwapTest {

    private static final Timing TIMING = timing(100, 5_000, 60_000);
    private static final ServiceTypeConfig INGEST = serviceType("ingest-logs", "kafka", 100, 5, TIMING, Set.of());
    private static final ServiceTypeConfig COMPACT = serviceType("compact-logs", "kafka", 10, 0, TIMING, Set.of());

    private final MutableClock clock = new MutableClock();
    private final FakeSource kafka = new FakeSource();
    private ScalerHarness harness;
    private MeasurementEngine replacement;

    @BeforeEach
    void start() throws Exception {
        kafka.set("ingest-logs", 0).set("compact-logs", 3);
        harness = ScalerHarness.with(clock).source("kafka", kafka).bind(INGEST).bind(COMPACT).start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        if (replacement != null) {
            replacement.close();
        }
    }

    /** Swaps in a new engine over the same source, serving {@code serviceTypes}. */
    private void swapTo(ServiceTypeConfig... serviceTypes) {
        replacement = new MeasurementEngine(List.of(new EngineSource("kafka", "fake", kafka, "fake")),
                List.of(serviceTypes).stream().map(TestServiceTypes::prepared).toList(), harness.metrics, clock);
        harness.service.swap(replacement, ServiceCatalog.of(List.of(serviceTypes)));
        replacement.start();
    }

    private void measureNext(MeasurementEngine engine, double value) {
        kafka.set("ingest-logs", value);
        clock.advance(TIMING.refreshInterval());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> engine.current("ingest-logs").map(v -> v.value() == value).orElse(false));
    }

    @Test
    void openStreamIsActiveFollowsTheNewEngineAndSendsOnlyRealTransitions() throws Exception {
        StreamCollector<IsActiveResponse> stream = new StreamCollector<>();
        harness.async().streamIsActive(ref("ingest-logs"), stream);
        assertThat(stream.next().getResult()).isFalse();

        swapTo(INGEST);
        measureNext(replacement, 2);
        stream.assertNothingFor(Duration.ofMillis(300));
        measureNext(replacement, 9);

        assertThat(stream.next().getResult()).as("9 > 5 measured by the new engine").isTrue();
        assertThat(stream.end).isNotDone();
    }

    @Test
    void streamOfAServiceTypeThatTheNewConfigurationDropsEndsWithNotFound() throws Exception {
        StreamCollector<IsActiveResponse> stream = new StreamCollector<>();
        harness.async().streamIsActive(ref("compact-logs"), stream);
        assertThat(stream.next().getResult()).isTrue();

        swapTo(INGEST);

        Status end = stream.end.get(5, TimeUnit.SECONDS);
        assertThat(end.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(end.getDescription()).contains("compact-logs", "ingest-logs");
    }

    @Test
    void streamMetricSpecSendsTheNewTargetAndCallsAnswerFromTheNewConfiguration() throws Exception {
        StreamCollector<GetMetricSpecResponse> specs = new StreamCollector<>();
        harness.async().streamMetricSpec(ref("ingest-logs"), specs);
        assertThat(specs.next().getMetricSpecs(0).getTargetSizeFloat()).isEqualTo(100);

        swapTo(serviceType("ingest-logs", "kafka", 250, 5, TIMING, Set.of()));

        assertThat(specs.next().getMetricSpecs(0).getTargetSizeFloat()).isEqualTo(250);
        assertThat(harness.blocking().getMetricSpec(ref("ingest-logs")).getMetricSpecs(0).getTargetSizeFloat())
                .isEqualTo(250);
        assertThat(harness.blocking().getMetrics(metrics("ingest-logs")).getMetricValues(0).getMetricValueFloat())
                .isEqualTo(0);
    }

    @Test
    void aCallWaitingOnTheOldEngineIsAnsweredByIt() throws Exception {
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.engine.current("ingest-logs").isPresent());
        CountDownLatch hung = kafka.hang();
        int before = kafka.calls();
        clock.advance(Duration.ofMinutes(2));
        Future<GetMetricsResponse> waiting = harness.futures().getMetrics(metrics("ingest-logs"));
        await().atMost(Duration.ofSeconds(5)).until(() -> kafka.calls() > before);

        swapTo(INGEST);
        kafka.set("ingest-logs", 42);
        kafka.release(hung);

        assertThat(waiting.get().getMetricValues(0).getMetricValueFloat()).isEqualTo(42);
    }
}
