package dev.scalerhost.host.history;

import static dev.scalerhost.host.engine.TestServiceTypes.prepared;
import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.engine.MeasurementObserver;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.spi.Reading;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MeasurementHistoryTest {

    private final MutableClock clock = new MutableClock();
    private final MeasurementHistory history = new MeasurementHistory(clock);
    private final ServiceTypeConfig queue = serviceType("queue", "db", 10, 5, timing(1000, 1000, 5000), Set.of());

    @Test
    void keepsOnePointPerSlotTheLastOutcomeWinning() {
        long start = slotStart();
        history.measured(queue, start, Reading.of(12));
        history.measured(queue, start + 1000, Reading.of(14));
        history.measured(queue, start + MeasurementHistory.RESOLUTION.toMillis(), Reading.of(31));
        clock.advance(Duration.ofMillis(start + 6000 - clock.millis()));

        List<HistorySnapshot.Point> points = history.snapshot("queue").orElseThrow().points();

        assertThat(points).extracting(HistorySnapshot.Point::value).containsExactly(14.0, 31.0);
        assertThat(points).extracting(HistorySnapshot.Point::replicas).as("ceil(value / 10)").containsExactly(2, 4);
        assertThat(points).extracting(HistorySnapshot.Point::active).containsExactly(true, true);
    }

    @Test
    void staysWithinItsPointsAndTheLastHour() {
        long start = slotStart();
        long slot = MeasurementHistory.RESOLUTION.toMillis();
        for (int i = 0; i < 3 * MeasurementHistory.POINTS; i++) {
            history.measured(queue, start + i * slot, Reading.of(i));
        }
        clock.advance(Duration.ofMillis(start + (3L * MeasurementHistory.POINTS - 1) * slot - clock.millis()));

        List<HistorySnapshot.Point> points = history.snapshot("queue").orElseThrow().points();

        assertThat(points).hasSizeLessThanOrEqualTo(MeasurementHistory.POINTS).hasSizeGreaterThan(MeasurementHistory.POINTS - 2);
        assertThat(points.get(points.size() - 1).value()).isEqualTo(3.0 * MeasurementHistory.POINTS - 1);
        assertThat(points.get(0).atMillis()).isGreaterThanOrEqualTo(clock.millis() - MeasurementHistory.SPAN.toMillis());
    }

    @Test
    void aFailureIsAGapWithItsCauseNeverZeroAndStartsAFailingRun() {
        long start = slotStart();
        long slot = MeasurementHistory.RESOLUTION.toMillis();
        history.measured(queue, start, Reading.of(12).withDetail("rows", 3));
        history.failed(queue, start + slot, "connection refused");
        history.failed(queue, start + 2 * slot, "connection refused");
        clock.advance(Duration.ofMillis(start + 3 * slot - clock.millis()));

        HistorySnapshot snapshot = history.snapshot("queue").orElseThrow();

        assertThat(snapshot.points()).extracting(HistorySnapshot.Point::value).containsExactly(12.0, null, null);
        assertThat(snapshot.points()).extracting(HistorySnapshot.Point::replicas).containsExactly(2, null, null);
        assertThat(snapshot.points()).extracting(HistorySnapshot.Point::error)
                .containsExactly(null, "connection refused", "connection refused");
        assertThat(snapshot.points().get(0).details()).isEqualTo(Map.of("rows", 3.0));
        assertThat(snapshot.points().get(1).details()).isEmpty();
        assertThat(snapshot.failingSince()).isEqualTo(start + slot);
        assertThat(history.failingSince("queue")).isEqualTo(start + slot);

        history.measured(queue, start + 3 * slot, Reading.of(1));
        assertThat(history.snapshot("queue").orElseThrow().failingSince()).isEqualTo(HistorySnapshot.NEVER);
        assertThat(history.failingSince("queue")).isEqualTo(HistorySnapshot.NEVER);
    }

    @Test
    void keepsAtMostSixteenDetailSeries() {
        Reading.Value value = Reading.of(1);
        for (int i = 0; i < 40; i++) {
            value = value.withDetail("d" + i, i);
        }
        history.measured(queue, clock.millis(), value);

        assertThat(history.snapshot("queue").orElseThrow().detailNames()).hasSize(SeriesRing.MAX_DETAILS);
    }

    @Test
    void forgetsServiceTypesNoLongerServedAndIgnoresTheirLateOutcomes() {
        history.measured(queue, clock.millis(), Reading.of(1));
        history.retain(List.of("other"));
        history.measured(queue, clock.millis(), Reading.of(2));

        assertThat(history.snapshot("queue")).isEmpty();
        assertThat(history.size()).isZero();
    }

    @Test
    void theEngineRecordsEveryOutcomeOnTheMeasurementPath() throws Exception {
        FakeSource db = new FakeSource().set("queue", Reading.of(12));
        MeasurementEngine engine = new MeasurementEngine(List.of(new EngineSource("db", "postgres", db, "db")),
                List.of(prepared(queue)), new HostMetrics(), clock, history);
        try {
            engine.start();
            engine.read("queue", Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> history.snapshot("queue").isPresent());
            assertThat(history.snapshot("queue").orElseThrow().points()).extracting(HistorySnapshot.Point::value)
                    .containsExactly(12.0);

            db.failWith("database is down");
            clock.advance(Duration.ofSeconds(6));
            await().atMost(Duration.ofSeconds(5)).until(() -> history.snapshot("queue").orElseThrow().failingSince()
                    != HistorySnapshot.NEVER);
            assertThat(history.snapshot("queue").orElseThrow().points()).last()
                    .satisfies(point -> assertThat(point.error()).contains("database is down"));
        } finally {
            engine.close();
        }
    }

    @Test
    void readsNeverReachTheObserverOnlyMeasurementsDo() throws Exception {
        FakeSource db = new FakeSource().set("queue", Reading.of(12));
        AtomicInteger heard = new AtomicInteger();
        MeasurementObserver counting = new MeasurementObserver() {
            @Override
            public void measured(ServiceTypeConfig config, long atMillis, Reading.Value value) {
                heard.incrementAndGet();
            }

            @Override
            public void failed(ServiceTypeConfig config, long atMillis, String cause) {
                heard.incrementAndGet();
            }
        };
        MeasurementEngine engine = new MeasurementEngine(List.of(new EngineSource("db", "postgres", db, "db")),
                List.of(prepared(queue)), new HostMetrics(), clock, counting);
        try {
            engine.start();
            engine.read("queue", Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.get() == db.calls());
            for (int i = 0; i < 10_000; i++) {
                engine.read("queue", Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS);
            }
            assertThat(heard.get()).as("one outcome per measurement, none per read").isEqualTo(db.calls()).isEqualTo(1);
        } finally {
            engine.close();
        }
    }

    @Test
    void replicasAreTheCeilingOfValueOverTarget() {
        assertThat(Replicas.averageValue(6500, 1000)).isEqualTo(7);
        assertThat(Replicas.averageValue(3000, 1000)).isEqualTo(3);
        assertThat(Replicas.averageValue(0.9, 0.3)).as("a float ratio a hair above 3").isEqualTo(3);
        assertThat(Replicas.averageValue(0, 10)).isZero();
    }

    private long slotStart() {
        long slot = MeasurementHistory.RESOLUTION.toMillis();
        return (clock.millis() / slot + 1) * slot;
    }
}
