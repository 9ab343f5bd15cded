package dev.scalerhost.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The arithmetic of lag in seconds, rates, learned capacity and replicas, on made-up histories. */
class RateMathTest {

    private static final TopicPartition P = new TopicPartition("t", 0);

    @Test
    void interpolatesTheTimeOfACommittedOffsetBetweenTwoSamples() {
        EndOffsetHistory history = new EndOffsetHistory();
        history.record(10_000, Map.of(P, 100L));
        history.record(20_000, Map.of(P, 200L));
        history.record(30_000, Map.of(P, 300L));

        var estimate = LagSecondsEstimator.estimate(history, P, 150, 300, 30_000);

        assertThat(estimate.seconds()).isCloseTo(15, within(0.01));
        assertThat(estimate.beyondHistory()).isFalse();
    }

    @Test
    void usesTheFirstTimeTheLogEndPassedAnOffsetWhenProductionPaused() {
        EndOffsetHistory history = new EndOffsetHistory();
        history.record(0, Map.of(P, 100L));
        history.record(1_000, Map.of(P, 200L));
        for (long t = 2_000; t <= 600_000; t += 1_000) {
            history.record(t, Map.of(P, 200L));
        }

        var estimate = LagSecondsEstimator.estimate(history, P, 150, 200, 600_000);

        assertThat(estimate.seconds()).isCloseTo(599.5, within(0.01));
    }

    @Test
    void isZeroWhenNothingIsBehind() {
        EndOffsetHistory history = new EndOffsetHistory();
        history.record(0, Map.of(P, 100L));
        assertThat(LagSecondsEstimator.estimate(history, P, 100, 100, 0).seconds()).isZero();
    }

    @Test
    void extrapolatesBelowTheOldestSampleAtMostTheHistorysReach() {
        EndOffsetHistory history = new EndOffsetHistory();
        history.record(0, Map.of(P, 1_000L));
        history.record(10_000, Map.of(P, 1_100L));

        var near = LagSecondsEstimator.estimate(history, P, 950, 1_100, 10_000);
        var far = LagSecondsEstimator.estimate(history, P, 0, 1_100, 10_000);

        assertThat(near.beyondHistory()).isTrue();
        assertThat(near.seconds()).isCloseTo(10 + 5, within(0.01));
        assertThat(far.seconds()).isCloseTo(20, within(0.01));
    }

    @Test
    void usesBrokerTimestampsOlderThanTheHistory() {
        EndOffsetHistory history = new EndOffsetHistory();
        history.record(100_000, Map.of(P, 1_000L));
        history.recordLookUp(P, 0, 0, 0);

        var estimate = LagSecondsEstimator.estimate(history, P, 500, 1_000, 100_000);

        assertThat(estimate.beyondHistory()).isFalse();
        assertThat(estimate.seconds()).isCloseTo(50, within(0.01));
    }

    @Test
    void keepsTheOldestSampleWhenThinning() {
        EndOffsetHistory history = new EndOffsetHistory();
        for (int i = 0; i <= 10 * EndOffsetHistory.MAX_POINTS; i++) {
            history.record(i * 1_000L, Map.of(P, i * 10L));
        }
        assertThat(history.oldest(P).offset()).isZero();
        var estimate = LagSecondsEstimator.estimate(history, P, 5_000, 10L * 10 * EndOffsetHistory.MAX_POINTS,
                10_000L * EndOffsetHistory.MAX_POINTS);
        assertThat(estimate.seconds()).isCloseTo(10 * EndOffsetHistory.MAX_POINTS - 500, within(20.0));
    }

    @Test
    void measuresArrivalAndConsumeRatesOverTheWindow() {
        RateTracker tracker = new RateTracker(Duration.ofSeconds(10));
        RateTracker.Rates rates = null;
        for (int s = 0; s <= 30; s++) {
            rates = tracker.add(sample(s * 1_000L, 100L * s, 60L * s, 0, 2));
        }
        assertThat(rates.arrivalRate()).isCloseTo(100, within(0.01));
        assertThat(rates.consumeRate()).isCloseTo(60, within(0.01));
        assertThat(rates.members()).hasValue(2);
    }

    @Test
    void learnsCapacityOnlyWhileTheGroupHadABacklog() {
        RateTracker idle = new RateTracker(Duration.ofSeconds(10));
        RateTracker busy = new RateTracker(Duration.ofSeconds(10));
        RateTracker.Rates idleRates = null;
        RateTracker.Rates busyRates = null;
        for (int s = 0; s <= 20; s++) {
            idleRates = idle.add(sample(s * 1_000L, 30L * s, 30L * s, 5, 3));
            busyRates = busy.add(sample(s * 1_000L, 100L * s, 30L * s, 10_000, 3));
        }
        assertThat(idleRates.capacity()).isNaN();
        assertThat(busyRates.capacity()).isCloseTo(10, within(0.01));
    }

    @Test
    void doesNotLearnWhileTheMembersChange() {
        RateTracker tracker = new RateTracker(Duration.ofSeconds(10));
        RateTracker.Rates rates = null;
        for (int s = 0; s <= 20; s++) {
            rates = tracker.add(sample(s * 1_000L, 100L * s, 30L * s, 10_000, s % 2 + 1));
        }
        assertThat(rates.capacity()).isNaN();
    }

    @Test
    void asksForEnoughConsumersToKeepUpAndDrainInTime() {
        Duration drain = Duration.ofSeconds(100);
        assertThat(ReplicasCalculator.replicas(0, 0, drain, 10, 8, false)).isZero();
        assertThat(ReplicasCalculator.replicas(25, 0, drain, 10, 8, false)).isEqualTo(3);
        assertThat(ReplicasCalculator.replicas(25, 1_500, drain, 10, 8, false)).isEqualTo(4);
        assertThat(ReplicasCalculator.replicas(30, 0, drain, 10, 8, false)).isEqualTo(3);
        assertThat(ReplicasCalculator.replicas(0, 1, drain, 10, 8, false)).isEqualTo(1);
        assertThat(ReplicasCalculator.replicas(Double.NaN, 5_000, drain, 10, 8, false)).isEqualTo(5);
    }

    @Test
    void capsReplicasAtThePartitionCountUnlessIdleConsumersAreAllowed() {
        Duration drain = Duration.ofSeconds(10);
        assertThat(ReplicasCalculator.replicas(0, 10_000, drain, 10, 8, false)).isEqualTo(8);
        assertThat(ReplicasCalculator.replicas(0, 10_000, drain, 10, 8, true)).isEqualTo(100);
    }

    /** {@code members} members, each with one partition of its own; offsets and lag are the group's totals, spread evenly. */
    private static RateTracker.Sample sample(long millis, long end, long committed, long lag, int members) {
        Map<TopicPartition, Long> ends = new HashMap<>();
        Map<TopicPartition, Long> commits = new HashMap<>();
        List<Set<TopicPartition>> assignment = new ArrayList<>();
        for (int m = 0; m < members; m++) {
            TopicPartition partition = new TopicPartition("t", m);
            commits.put(partition, committed / members);
            ends.put(partition, Math.max(end, committed + lag) / members);
            assignment.add(Set.of(partition));
        }
        return new RateTracker.Sample(millis, ends, commits, Optional.of(new GroupMembers.Assignment(assignment, millis)));
    }
}
