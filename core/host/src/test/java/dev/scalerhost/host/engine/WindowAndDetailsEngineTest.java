package dev.scalerhost.host.engine;

import static dev.scalerhost.host.engine.TestServiceTypes.prepared;
import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.config.WindowSpec;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.spi.Reading;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine serves a serviceType's window aggregate and exports its value's details as gauges. */
class WindowAndDetailsEngineTest {

    private static final Timing TIMING = timing(100, 500, 2000);

    private final MutableClock clock = new MutableClock();
    private final HostMetrics metrics = new HostMetrics();
    private final FakeSource kafka = new FakeSource();
    private MeasurementEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private void start(ServiceTypeConfig... configs) {
        List<PreparedServiceType> serviceTypes = java.util.Arrays.stream(configs).map(TestServiceTypes::prepared).toList();
        engine = new MeasurementEngine(List.of(new EngineSource("kafka", "kafka-lag", kafka, "kafka-1:9092")), serviceTypes,
                metrics, clock);
        engine.start();
    }

    /** Advances the clock by one refresh interval and reads once the measurement made at the new instant is applied. */
    private Reading.Value readFresh(String serviceType) throws Exception {
        clock.advance(TIMING.refreshInterval());
        long due = clock.millis();
        engine.read(serviceType, Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!measuredSince(serviceType, due)) {
            assertThat(System.nanoTime()).as("a measurement of %s applied within 10 s", serviceType).isLessThan(deadline);
            Thread.sleep(5);
        }
        return engine.read(serviceType, Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    }

    private boolean measuredSince(String serviceType, long millis) {
        return engine.serviceTypeStatuses().stream()
                .anyMatch(status -> status.serviceType().equals(serviceType) && status.measuredAt() != null
                        && status.measuredAt().toEpochMilli() >= millis);
    }

    @Test
    void servesTheWindowsMaximumWhileActivationFollowsTheLatestMeasurement() throws Exception {
        start(serviceType("a", "kafka", 10, 5, TIMING, Set.of())
                .withWindow(new WindowSpec(Duration.ofSeconds(1), WindowSpec.Aggregate.MAX)));
        kafka.set("a", 40);
        Reading.Value first = readFresh("a");
        kafka.set("a", 2);
        Reading.Value second = readFresh("a");

        assertThat(first.value()).isEqualTo(40);
        assertThat(second.value()).isEqualTo(40);
        assertThat(second.activationValue()).isEqualTo(2);
        assertThat(second.details()).containsEntry("latestValue", 2.0);
        assertThat(engine.serviceTypeStatuses().get(0).active()).isFalse();
    }

    @Test
    void exportsEveryDetailOfTheLatestValueAsAGauge() throws Exception {
        start(serviceType("a", "kafka", 10, 5, TIMING, Set.of()));
        kafka.set("a", Reading.of(12).withDetail("lagSeconds", 7.5).withDetail("replicas", 3));
        readFresh("a");

        assertThat(gauge("a", "lagSeconds")).isEqualTo(7.5);
        assertThat(gauge("a", "replicas")).isEqualTo(3.0);

        kafka.set("a", Reading.of(12).withDetail("lagSeconds", 1));
        readFresh("a");
        assertThat(gauge("a", "lagSeconds")).isEqualTo(1.0);
        assertThat(gauge("a", "replicas")).isNaN();
    }

    private double gauge(String serviceType, String detail) {
        Double gauge = MetricsSamples.of(metrics).value("scalerhost_value_detail", "service_type", serviceType,
                "detail", detail);
        assertThat(gauge).as("gauge of %s", detail).isNotNull();
        return gauge;
    }
}
