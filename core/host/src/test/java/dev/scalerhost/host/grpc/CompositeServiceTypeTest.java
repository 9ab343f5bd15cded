package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.composite;
import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.GrpcAssertions.statusOf;
import static dev.scalerhost.host.grpc.ScalerHarness.metrics;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.config.CompositeConfig.Operator;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.MetricSpec;
import dev.scalerhost.spi.Reading;
import io.grpc.Status;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A composite serviceType as KEDA sees it: one trigger, its own target and activation. */
class CompositeServiceTypeTest {

    private static final Timing TIMING = timing(100, 1000, 60_000);

    private final MutableClock clock = new MutableClock();
    private final FakeSource prometheus = new FakeSource();
    private ScalerHarness harness;

    @BeforeEach
    void start() throws Exception {
        prometheus.set("queue-depth", 0).set("backpressure", 0);
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("queue-depth", 1.0);
        parts.put("backpressure", 2500.0);
        harness = ScalerHarness.with(clock).source("prometheus", prometheus)
                .bind(serviceType("queue-depth", "prometheus", 5000, 0, TIMING, Set.of()))
                .bind(serviceType("backpressure", "prometheus", 1, 0, TIMING, Set.of()))
                .bind(composite("pressure", Operator.MAX, parts, 5000, 0, TIMING))
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private void measureNext(double depth, double backpressure) {
        prometheus.set("queue-depth", depth).set("backpressure", backpressure);
        clock.advance(TIMING.refreshInterval());
        await().atMost(Duration.ofSeconds(5)).until(() -> harness.engine.current("backpressure")
                .map(v -> v.value() == backpressure).orElse(false)
                && harness.engine.current("queue-depth").map(v -> v.value() == depth).orElse(false));
    }

    @Test
    void metricSpecValuesAndActivityAreTheCompositesOwn() throws Exception {
        measureNext(1200, 2);

        MetricSpec spec = harness.blocking().getMetricSpec(ref("pressure")).getMetricSpecs(0);
        assertThat(spec.getMetricName()).isEqualTo("pressure");
        assertThat(spec.getTargetSizeFloat()).isEqualTo(5000);
        assertThat(harness.blocking().getMetrics(metrics("pressure")).getMetricValues(0).getMetricValueFloat())
                .as("max(1200, 2500 * 2)").isEqualTo(5000);
        assertThat(harness.blocking().isActive(ref("pressure")).getResult()).isTrue();

        measureNext(0, 0);
        assertThat(harness.blocking().getMetrics(metrics("pressure")).getMetricValues(0).getMetricValue()).isZero();
        assertThat(harness.blocking().isActive(ref("pressure")).getResult()).isFalse();
    }

    @Test
    void streamIsActiveFiresWhenAPartFlipsTheCompositeToActive() throws Exception {
        measureNext(0, 0);
        StreamCollector<IsActiveResponse> stream = new StreamCollector<>();
        harness.async().streamIsActive(ref("pressure"), stream);
        assertThat(stream.next().getResult()).isFalse();

        measureNext(0, 1);
        assertThat(stream.next().getResult()).as("backpressure 1 makes the composite 2500 > 0").isTrue();
        stream.cancel();
    }

    @Test
    void aFailingPartIsUnavailableNamingThePart() {
        prometheus.set("backpressure", Reading.failure("query returned no series"));
        clock.advance(TIMING.maxStaleness().plusSeconds(1));

        Status status = statusOf(() -> harness.blocking().getMetrics(metrics("pressure")));
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(status.getDescription()).startsWith("serviceType 'pressure' (composite max(queue-depth, "
                + "2500*backpressure)): part 'backpressure' has no usable value")
                .contains("query returned no series");
        assertThat(statusOf(() -> harness.blocking().isActive(ref("pressure"))).getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(harness.blocking().getMetricSpec(ref("pressure")).getMetricSpecs(0).getTargetSizeFloat())
                .as("GetMetricSpec still answers, so KEDA's fallback can count the failures").isEqualTo(5000);
    }
}
