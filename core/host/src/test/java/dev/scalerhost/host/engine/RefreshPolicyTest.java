package dev.scalerhost.host.engine;

import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.Timing;
import dev.scalerhost.spi.Reading;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The refresh semantics, on a clock that moves only when the test says so. */
class RefreshPolicyTest {

    private static final Timing TIMING = timing(1000, 300, 5000);

    private final MutableClock clock = new MutableClock();
    private final RefreshPolicy policy = new RefreshPolicy(TIMING);
    private Sample sample = Sample.EMPTY;

    private void attempt() {
        sample = sample.attempted(clock.millis());
    }

    private void succeed(double value) {
        sample = sample.succeeded(Reading.of(value), clock.millis());
    }

    private void fail(String cause) {
        sample = sample.failed(cause, clock.millis());
    }

    private boolean due() {
        return policy.isDue(sample, clock.millis());
    }

    private Reading.Value usable() {
        return policy.usable(sample, clock.millis());
    }

    @Test
    void aServiceTypeNeverMeasuredIsDueAndHasNoValue() {
        assertThat(due()).isTrue();
        assertThat(usable()).isNull();
    }

    @Test
    void isDueAgainOneRefreshIntervalAfterTheLastAttemptStarted() {
        attempt();
        clock.advance(Duration.ofMillis(400));
        succeed(7);
        clock.advance(Duration.ofMillis(599));
        assertThat(due()).as("999 ms after the attempt started").isFalse();
        clock.advance(Duration.ofMillis(1));
        assertThat(due()).as("1000 ms after, though only 600 ms after the value").isTrue();
    }

    @Test
    void aFailedOrStillRunningAttemptWaitsItsIntervalToo() {
        attempt();
        assertThat(due()).as("running").isFalse();
        fail("down");
        clock.advance(Duration.ofMillis(500));
        assertThat(due()).as("failed, half an interval later").isFalse();
        clock.advance(Duration.ofMillis(500));
        assertThat(due()).isTrue();
    }

    @Test
    void theLastGoodValueIsServedUpToMaxStalenessWhileMeasurementsFail() {
        attempt();
        succeed(42);
        for (int i = 0; i < 5; i++) {
            clock.advance(TIMING.refreshInterval());
            attempt();
            fail("broker unreachable");
        }
        assertThat(usable()).as("exactly maxStaleness old").isNotNull().extracting(Reading.Value::value).isEqualTo(42.0);
        clock.advance(Duration.ofMillis(1));
        assertThat(usable()).as("older than maxStaleness: no value, not a stale one").isNull();
    }

    @Test
    void aNewGoodValueIsServedFromTheMomentItIsMeasured() {
        attempt();
        succeed(1);
        clock.advance(Duration.ofMillis(6000));
        assertThat(usable()).isNull();
        attempt();
        succeed(2);
        assertThat(usable().value()).isEqualTo(2.0);
    }

    @Test
    void aCallerWaitsAtMostTheShorterOfItsBudgetAndTheTimeout() {
        assertThat(policy.waitNanos(Duration.ofMillis(100))).isEqualTo(Duration.ofMillis(100).toNanos());
        assertThat(policy.waitNanos(Duration.ofSeconds(30))).isEqualTo(TIMING.timeout().toNanos());
        assertThat(policy.waitNanos(Duration.ofDays(365 * 1000L))).as("no overflow").isEqualTo(TIMING.timeout().toNanos());
        assertThat(policy.waitNanos(Duration.ZERO)).as("a spent budget does not wait").isZero();
        assertThat(policy.waitNanos(Duration.ofMillis(-5))).isNegative();
    }

    @Test
    void theEngineLooksForDueServiceTypesEveryQuarterOfTheShortestIntervalWithinBounds() {
        assertThat(RefreshPolicy.tickMillis(List.of(timing(5000, 1000, 60_000), timing(2000, 1000, 60_000))))
                .isEqualTo(500);
        assertThat(RefreshPolicy.tickMillis(List.of(timing(20, 1000, 60_000)))).isEqualTo(10);
        assertThat(RefreshPolicy.tickMillis(List.of(timing(60_000, 1000, 60_000)))).isEqualTo(1000);
        assertThat(RefreshPolicy.tickMillis(List.of())).as("nothing measured").isEqualTo(1000);
    }
}
