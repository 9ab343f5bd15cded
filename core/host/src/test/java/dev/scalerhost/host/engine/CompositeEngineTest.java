package dev.scalerhost.host.engine;

import static dev.scalerhost.host.engine.TestServiceTypes.composite;
import static dev.scalerhost.host.engine.TestServiceTypes.prepared;
import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.config.CompositeConfig.Operator;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.host.status.CompositeStatus;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.spi.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CompositeEngineTest {

    // A generous timeout: a first measurement on a busy machine must not time out.
    private static final Timing TIMING = timing(100, 5000, 10_000);

    private final MutableClock clock = new MutableClock();
    private final HostMetrics metrics = new HostMetrics();
    private final FakeSource kafka = new FakeSource();
    private final FakeSource db = new FakeSource();
    private MeasurementEngine engine;

    @AfterEach
    void close() {
        if (engine != null) {
            engine.close();
        }
    }

    private static Map<String, Double> parts(Object... nameWeightPairs) {
        Map<String, Double> parts = new LinkedHashMap<>();
        for (int i = 0; i < nameWeightPairs.length; i += 2) {
            parts.put((String) nameWeightPairs[i], ((Number) nameWeightPairs[i + 1]).doubleValue());
        }
        return parts;
    }

    /** depth on kafka, bp on db, plus the given composites. */
    private MeasurementEngine start(ServiceTypeConfig... composites) {
        List<PreparedServiceType> serviceTypes = new ArrayList<>();
        serviceTypes.add(prepared(serviceType("depth", "kafka", 5000, 0, TIMING, Set.of())));
        serviceTypes.add(prepared(serviceType("bp", "db", 1, 0, TIMING, Set.of())));
        for (ServiceTypeConfig composite : composites) {
            serviceTypes.add(prepared(composite));
        }
        engine = new MeasurementEngine(List.of(new EngineSource("kafka", "kafka-lag", kafka, ""),
                new EngineSource("db", "postgres", db, "")), serviceTypes, metrics, clock);
        engine.start();
        return engine;
    }

    private static ServiceTypeConfig pressure(Operator operator) {
        return composite("pressure", operator, parts("depth", 1, "bp", 2500), 5000, 0, TIMING);
    }

    private Reading.Value read(String serviceType) throws Exception {
        return engine.read(serviceType, Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    }

    /**
     * Advances the clock by a refresh interval and waits until both measured parts have a result of
     * that instant applied: a started call is not enough, as a read would still get the older value.
     */
    private void refresh() {
        clock.advance(TIMING.refreshInterval());
        Instant now = Instant.ofEpochMilli(clock.millis());
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.serviceTypeStatuses().stream()
                .filter(status -> status.source() != null)
                .allMatch(status -> now.equals(status.measuredAt()) || now.equals(status.lastErrorAt())));
    }

    @Test
    void valueIsTheLargestWeightedPart() throws Exception {
        kafka.set("depth", 1200);
        db.set("bp", 2);
        start(pressure(Operator.MAX));

        assertThat(read("pressure").value()).as("max(1200, 2500 * 2)").isEqualTo(5000);

        db.set("bp", 0);
        refresh();
        assertThat(read("pressure").value()).as("max(1200, 2500 * 0)").isEqualTo(1200);
    }

    @Test
    void sumAddsTheWeightedParts() throws Exception {
        kafka.set("depth", 1200);
        db.set("bp", 1);
        start(pressure(Operator.SUM));

        assertThat(read("pressure").value()).isEqualTo(3700);
    }

    @Test
    void aFailingPartMakesTheCompositeUnavailableNamingThatPartNeverAMaxOfTheRest() throws Exception {
        kafka.set("depth", 1200);
        db.failWith("connection refused");
        start(pressure(Operator.MAX));

        assertThatThrownBy(() -> read("pressure")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MeasurementUnavailableException.class)
                .hasMessageStartingWith("serviceType 'pressure' (composite max(depth, 2500*bp)): part 'bp' has no usable "
                        + "value, so the composite has none: serviceType 'bp' (source 'db'): ")
                .hasMessageContaining("connection refused")
                .message().doesNotContain("part 'depth'");
        assertThat(read("depth").value()).isEqualTo(1200);
        assertThat(engine.current("pressure")).isEmpty();
    }

    @Test
    void aFailingPartsLastValueServesUntilItsMaxStalenessThenTheCompositeIsUnavailable() throws Exception {
        kafka.set("depth", 1200);
        db.set("bp", 2);
        start(pressure(Operator.MAX));
        assertThat(read("pressure").value()).isEqualTo(5000);

        db.failWith("down");
        refresh();
        assertThat(read("pressure").value()).as("bp's last value is still usable").isEqualTo(5000);

        clock.advance(TIMING.maxStaleness());
        refresh();
        assertThatThrownBy(() -> read("pressure")).cause().isInstanceOf(MeasurementUnavailableException.class)
                .hasMessageContaining("part 'bp' has no usable value")
                .hasMessageContaining("older than maxStaleness 10s")
                .message().doesNotContain("part 'depth'");
    }

    @Test
    void activationCombinesThePartsActivationValues() throws Exception {
        kafka.set("depth", Reading.of(0, 3));
        db.set("bp", 0);
        start(composite("pressure", Operator.MAX, parts("depth", 1, "bp", 2500), 5000, 2, TIMING));

        Reading.Value value = read("pressure");
        assertThat(value.value()).isZero();
        assertThat(value.activationValue()).isEqualTo(3);
        assertThat(engine.serviceTypeStatuses().get(2).active()).as("3 > activation 2").isTrue();
    }

    @Test
    void listenersHearEveryNewCombinationWhenAPartChanges() throws Exception {
        kafka.set("depth", 1200);
        db.set("bp", 0);
        start(pressure(Operator.MAX));
        List<Double> seen = new CopyOnWriteArrayList<>();
        Subscription subscription = engine.subscribe("pressure", value -> seen.add(value.value()));
        await().atMost(Duration.ofSeconds(5)).until(() -> read("pressure").value() == 1200);

        db.set("bp", 2);
        refresh();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(5000.0));
        assertThat(engine.listenerCount()).as("the composite's own subscription to its parts is not counted").isEqualTo(1);

        subscription.close();
        assertThat(engine.listenerCount()).isZero();
    }

    @Test
    void compositeOfCompositesFollowsTheInnerParts() throws Exception {
        kafka.set("depth", 10);
        db.set("bp", 1);
        ServiceTypeConfig inner = composite("inner", Operator.SUM, parts("depth", 1, "bp", 1), 10, 0, TIMING);
        ServiceTypeConfig outer = composite("outer", Operator.MAX, parts("inner", 1, "depth", 2), 10, 0, TIMING);
        start(outer, inner);
        List<Double> seen = new CopyOnWriteArrayList<>();
        engine.subscribe("outer", value -> seen.add(value.value()));

        assertThat(read("outer").value()).as("max(10 + 1, 2 * 10)").isEqualTo(20);
        db.set("bp", 30);
        refresh();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(40.0));
        assertThat(read("outer").value()).as("max(10 + 30, 2 * 10)").isEqualTo(40);
    }

    @Test
    void readingACompositeCausesNoMeasurementBeyondItsParts() throws Exception {
        kafka.set("depth", 1200);
        db.set("bp", 1);
        start(pressure(Operator.MAX));
        read("pressure");
        int kafkaCalls = kafka.calls();
        int dbCalls = db.calls();

        for (int i = 0; i < 20; i++) {
            read("pressure");
        }

        assertThat(kafka.calls()).isEqualTo(kafkaCalls);
        assertThat(db.calls()).isEqualTo(dbCalls);
    }

    @Test
    void aReadWaitsForItsPartsWithinTheCallersBudget() throws Exception {
        kafka.set("depth", 1200);
        db.set("bp", 2).delay(Duration.ofMillis(300));
        start(pressure(Operator.MAX));

        assertThatThrownBy(() -> engine.read("pressure", Duration.ofMillis(20)).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(MeasurementUnavailableException.class)
                .hasMessageContaining("part 'bp' has no usable value")
                .hasMessageContaining("no measurement has finished yet");
        assertThat(engine.read("pressure", Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS).value()).isEqualTo(5000);
    }

    @Test
    void statusShowsTheCompositeWithItsParts() throws Exception {
        kafka.set("depth", 1200);
        db.failWith("down");
        start(pressure(Operator.MAX));
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.serviceTypeStatuses().get(1).lastError() != null);

        ServiceTypeStatus failing = engine.serviceTypeStatuses().get(2);
        assertThat(failing.value()).isNull();
        assertThat(failing.lastError()).contains("part 'bp' has no usable value").contains("down");
        assertThat(failing.composite().parts()).extracting(CompositeStatus.Part::usable).containsExactly(true, false);

        db.recover().set("bp", 2);
        refresh();
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.current("pressure").isPresent());
        ServiceTypeStatus status = engine.serviceTypeStatuses().get(2);
        assertThat(status.serviceType()).isEqualTo("pressure");
        assertThat(status.source()).isNull();
        assertThat(status.metric()).isEqualTo("max(depth, 2500*bp)");
        assertThat(status.value()).isEqualTo(5000.0);
        assertThat(status.measuredAt()).isNotNull();
        assertThat(status.lastError()).isNull();
        assertThat(status.composite().operator()).isEqualTo("max");
        assertThat(status.composite().parts()).containsExactly(
                new CompositeStatus.Part("depth", 1, 1200.0, 1200.0, true),
                new CompositeStatus.Part("bp", 2500, 2.0, 5000.0, true));
        assertThat(MetricsSamples.of(metrics).value("scalerhost_value", "service_type", "pressure")).isEqualTo(5000.0);
    }

    @Test
    void rejectsACompositeWithAnUnknownPartOrACycle() {
        EngineSource source = new EngineSource("kafka", "kafka-lag", kafka, "");
        PreparedServiceType depth = prepared(serviceType("depth", "kafka", 1, 0, TIMING, Set.of()));
        assertThatThrownBy(() -> new MeasurementEngine(List.of(source), List.of(depth,
                prepared(composite("c", Operator.MAX, parts("depth", 1, "nope", 1), 1, 0, TIMING))), metrics, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[c]");
        assertThatThrownBy(() -> new MeasurementEngine(List.of(source), List.of(depth,
                prepared(composite("a", Operator.MAX, parts("b", 1), 1, 0, TIMING)),
                prepared(composite("b", Operator.MAX, parts("a", 1), 1, 0, TIMING))), metrics, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("form a cycle");
    }
}
