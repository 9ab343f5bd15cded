package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.ScalerHarness.metrics;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.common.util.concurrent.ListenableFuture;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.proto.GetMetricsResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MeasurementConcurrencyTest {

    private final MutableClock clock = new MutableClock();

    private static List<Double> getMetricsConcurrently(ScalerHarness harness, String serviceType, int callers) throws Exception {
        List<ListenableFuture<GetMetricsResponse>> calls = new ArrayList<>(callers);
        for (int i = 0; i < callers; i++) {
            calls.add(harness.futures().getMetrics(metrics(serviceType)));
        }
        List<Double> values = new ArrayList<>(callers);
        for (ListenableFuture<GetMetricsResponse> call : calls) {
            values.add(call.get(20, TimeUnit.SECONDS).getMetricValues(0).getMetricValueFloat());
        }
        return values;
    }

    @Test
    void thousandConcurrentCallersShareOneMeasurementPerRefreshInterval() throws Exception {
        FakeSource kafka = new FakeSource().set("ingest-logs", 42).delay(Duration.ofMillis(300));
        try (ScalerHarness harness = ScalerHarness.with(clock).source("kafka", kafka)
                .bind(serviceType("ingest-logs", "kafka", 100, 0, timing(1000, 5000, 60_000), Set.of())).start()) {
            assertThat(getMetricsConcurrently(harness, "ingest-logs", 1000)).containsOnly(42.0);
            assertThat(kafka.calls()).isEqualTo(1);

            kafka.set("ingest-logs", 43);
            clock.advance(Duration.ofMillis(1000));
            assertThat(getMetricsConcurrently(harness, "ingest-logs", 1000)).containsAnyOf(42.0, 43.0).hasSize(1000);
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.engine.current("ingest-logs").orElseThrow().value() == 43);
            assertThat(getMetricsConcurrently(harness, "ingest-logs", 1000)).containsOnly(43.0);
            assertThat(kafka.calls()).as("one measurement per refresh interval").isEqualTo(2);
        }
    }

    @Test
    void serviceTypesOfOneSourceThatAreDueAreMeasuredInOneBatch() throws Exception {
        FakeSource kafka = new FakeSource().set("a", 1).set("b", 2).set("c", 3).set("slow", 4);
        FakeSource postgres = new FakeSource().set("d", 5);
        try (ScalerHarness harness = ScalerHarness.with(clock).source("kafka", kafka).source("queue-db", postgres)
                .bind(serviceType("a", "kafka", 1, 0, timing(1000, 1000, 60_000), Set.of()))
                .bind(serviceType("b", "kafka", 1, 0, timing(1000, 1000, 60_000), Set.of()))
                .bind(serviceType("c", "kafka", 1, 0, timing(1000, 1000, 60_000), Set.of()))
                .bind(serviceType("slow", "kafka", 1, 0, timing(5000, 1000, 60_000), Set.of()))
                .bind(serviceType("d", "queue-db", 1, 0, timing(1000, 1000, 60_000), Set.of()))
                .start()) {
            await().atMost(Duration.ofSeconds(5)).until(() -> kafka.calls() == 1 && postgres.calls() == 1);
            assertThat(kafka.batches()).containsExactly(List.of("a", "b", "c", "slow"));
            assertThat(postgres.batches()).containsExactly(List.of("d"));

            clock.advance(Duration.ofMillis(1000));
            assertThat(harness.blocking().getMetrics(metrics("b")).getMetricValues(0).getMetricValueFloat()).isEqualTo(2);
            await().atMost(Duration.ofSeconds(5)).until(() -> kafka.calls() == 2);
            assertThat(kafka.batches().get(1)).as("due ones together, 'slow' not yet due").containsExactly("a", "b", "c");
        }
    }

    @Test
    void atMostOneMeasurementRunsPerSourceWhenMeasuringIsSlowerThanTheRefreshInterval() throws Exception {
        FakeSource kafka = new FakeSource().set("a", 1).set("b", 2).delay(Duration.ofMillis(150));
        try (ScalerHarness harness = ScalerHarness.with(Clock.systemUTC()).source("kafka", kafka)
                .bind(serviceType("a", "kafka", 1, 0, timing(50, 1000, 60_000), Set.of()))
                .bind(serviceType("b", "kafka", 1, 0, timing(100, 1000, 60_000), Set.of()))
                .start()) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1000);
            while (System.nanoTime() < end) {
                getMetricsConcurrently(harness, "a", 20);
                harness.blocking().isActive(ref("b"));
            }
            assertThat(kafka.maxConcurrentCalls()).isEqualTo(1);
            assertThat(kafka.calls()).isBetween(2, 1000 / 150 + 3);
        }
    }
}
