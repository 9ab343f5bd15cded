package dev.scalerhost.host.engine;

import static dev.scalerhost.host.engine.TestServiceTypes.prepared;
import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.host.status.ServiceTypeStatus;
import dev.scalerhost.host.status.SourceStatus;
import dev.scalerhost.spi.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class MeasurementEngineTest {

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

    private MeasurementEngine start(String... serviceTypes) {
        create(serviceTypes).start();
        return engine;
    }

    /** The engine, not started yet: its first measurement runs only after {@code start()}. */
    private MeasurementEngine create(String... serviceTypes) {
        List<PreparedServiceType> prepared = java.util.Arrays.stream(serviceTypes)
                .map(name -> prepared(serviceType(name, "kafka", 10, 5, TIMING, Set.of()))).toList();
        engine = new MeasurementEngine(List.of(new EngineSource("kafka", "kafka-lag", kafka, "kafka-1:9092")), prepared,
                metrics, clock);
        return engine;
    }

    private Reading.Value read(String serviceType) throws Exception {
        return engine.read(serviceType, Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
    }

    @Test
    void statusShowsValuesErrorsAndSources() throws Exception {
        kafka.set("a", Reading.of(12, 12).withDetail("partitions", 8)).set("b", Reading.failure("topic t does not exist"));
        start("a", "b");
        read("a");

        List<ServiceTypeStatus> serviceTypes = engine.serviceTypeStatuses();
        assertThat(serviceTypes).extracting(ServiceTypeStatus::serviceType).containsExactly("a", "b");
        ServiceTypeStatus a = serviceTypes.get(0);
        assertThat(a.source()).isEqualTo("kafka");
        assertThat(a.metric()).isEqualTo("fake metric a");
        assertThat(a.value()).isEqualTo(12.0);
        assertThat(a.measuredAt()).isEqualTo(Instant.ofEpochMilli(clock.millis()));
        assertThat(a.active()).as("12 > 5").isTrue();
        assertThat(a.lastError()).isNull();
        assertThat(a.details()).containsEntry("partitions", 8.0);
        ServiceTypeStatus b = serviceTypes.get(1);
        assertThat(b.value()).isNull();
        assertThat(b.lastError()).isEqualTo("topic t does not exist");
        assertThat(b.lastErrorAt()).isNotNull();

        SourceStatus source = engine.sourceStatuses().get(0);
        assertThat(source).extracting(SourceStatus::name, SourceStatus::type, SourceStatus::description)
                .containsExactly("kafka", "kafka-lag", "kafka-1:9092");
        assertThat(source.lastSuccess()).isNotNull();
        assertThat(source.lastError()).isNull();
    }

    @Test
    void aSourceWhoseOnlyMetricFailedShowsNoSuccessAndItsError() throws Exception {
        kafka.set("a", Reading.failure("the server's answer is not a PostgreSQL message"));
        start("a");
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.serviceTypeStatuses().get(0).lastError() != null);

        SourceStatus source = engine.sourceStatuses().get(0);
        assertThat(source.lastSuccess()).as("no measurement of it succeeded").isNull();
        assertThat(source.lastError()).isEqualTo("the server's answer is not a PostgreSQL message");
    }

    @Test
    void aSourceSucceedsWhenOneOfItsMetricsGotAValue() throws Exception {
        kafka.set("a", Reading.failure("topic t does not exist")).set("b", Reading.failure("group g is unknown"));
        start("a", "b");
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.serviceTypeStatuses().get(1).lastError() != null);
        assertThat(engine.sourceStatuses().get(0).lastSuccess()).isNull();
        assertThat(engine.sourceStatuses().get(0).lastError())
                .isEqualTo("every serviceType of the batch failed (2), the first with: topic t does not exist");

        kafka.set("b", 7);
        clock.advance(TIMING.refreshInterval());
        await().atMost(Duration.ofSeconds(5)).until(() -> engine.current("b").isPresent());
        assertThat(engine.sourceStatuses().get(0).lastSuccess()).isEqualTo(Instant.ofEpochMilli(clock.millis()));
        assertThat(engine.sourceStatuses().get(0).lastError()).isNull();
        assertThat(engine.serviceTypeStatuses().get(0).lastError()).isEqualTo("topic t does not exist");
    }

    @Test
    void listenersGetEveryNewValueUntilTheyUnsubscribe() throws Exception {
        kafka.set("a", 1);
        // Subscribed before the first measurement: listeners hear only values measured after they subscribe.
        create("a");
        List<Double> seen = new CopyOnWriteArrayList<>();
        Subscription subscription = engine.subscribe("A", value -> seen.add(value.value()));
        engine.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(1.0));

        kafka.set("a", 2);
        clock.advance(TIMING.refreshInterval());
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.contains(2.0));
        assertThat(engine.listenerCount()).isEqualTo(1);

        subscription.close();
        subscription.close();
        assertThat(engine.listenerCount()).isZero();
        kafka.set("a", 3);
        clock.advance(TIMING.refreshInterval());
        await().atMost(Duration.ofSeconds(5)).until(() -> read("a").value() == 3);
        assertThat(seen).doesNotContain(3.0);
    }

    @Test
    void everyFailureIsCountedPerSourceAndServiceType() throws Exception {
        kafka.failWith("down");
        start("a");
        await().atMost(Duration.ofSeconds(5)).until(() -> kafka.calls() == 1);
        for (int i = 0; i < 3; i++) {
            int calls = kafka.calls();
            clock.advance(TIMING.refreshInterval());
            await().atMost(Duration.ofSeconds(5)).until(() -> kafka.calls() > calls);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> Double.valueOf(4).equals(MetricsSamples.of(metrics)
                .value("scalerhost_measurement_failures_total", "source", "kafka", "service_type", "a")));
        assertThat(engine.sourceStatuses().get(0).lastError()).isEqualTo("measurement failed: down");
    }

    @Test
    void aFailureIsLoggedOnceWhileItLastsAndTheRecoveryOnce() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SourceHealth.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            kafka.failWith("down");
            start("a", "b");
            await().atMost(Duration.ofSeconds(5)).until(() -> kafka.calls() == 1);
            for (int i = 0; i < 3; i++) {
                int calls = kafka.calls();
                clock.advance(TIMING.refreshInterval());
                await().atMost(Duration.ofSeconds(5)).until(() -> kafka.calls() > calls);
            }
            kafka.recover().set("a", 1).set("b", 2);
            clock.advance(TIMING.refreshInterval());
            await().atMost(Duration.ofSeconds(5)).until(() -> read("b").value() == 2);

            assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                    "source 'kafka': measurement of 2 serviceType(s) failed: measurement failed: down",
                    "source 'kafka' measures again");
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void outageIsNeverReadAsZero() throws Exception {
        kafka.set("a", 0).failWith("down");
        start("a");
        assertThatThrownBy(() -> read("a")).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(MeasurementUnavailableException.class).hasMessageContaining("down");
        assertThat(MetricsSamples.of(metrics).value("scalerhost_value", "service_type", "a")).isNaN();
    }

    @Test
    void closeReleasesWaitingCallersAndLeavesTheSourcesOpen() throws Exception {
        CountDownLatch hung = kafka.hang();
        start("a");
        await().atMost(Duration.ofSeconds(5)).until(() -> kafka.calls() == 1);
        CompletableFuture<Reading.Value> waiting = engine.read("a", Duration.ofSeconds(30));
        assertThat(waiting).isNotDone();

        engine.close();
        assertThat(waiting).failsWithin(Duration.ofSeconds(1)).withThrowableThat()
                .withCauseInstanceOf(MeasurementUnavailableException.class);
        assertThat(kafka.isClosed()).isFalse();
        kafka.release(hung);
    }

    @Test
    void rejectsABindingOfAnUnknownSourceAndDuplicateServiceTypes() {
        EngineSource source = new EngineSource("kafka", "kafka-lag", kafka, "");
        assertThatThrownBy(() -> new MeasurementEngine(List.of(source),
                List.of(prepared(serviceType("a", "postgres", 1, 0, TIMING, Set.of()))), metrics, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'postgres'");
        assertThatThrownBy(() -> new MeasurementEngine(List.of(source),
                List.of(prepared(serviceType("a", "kafka", 1, 0, TIMING, Set.of())),
                        prepared(serviceType("A", "kafka", 1, 0, TIMING, Set.of()))), metrics, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bound twice");
    }

    @Test
    void readingAnUnknownServiceTypeIsRejected() {
        start("a");
        assertThatThrownBy(() -> engine.read("b", Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThat(engine.measures("A")).isTrue();
        assertThat(engine.measures("b")).isFalse();
    }
}
