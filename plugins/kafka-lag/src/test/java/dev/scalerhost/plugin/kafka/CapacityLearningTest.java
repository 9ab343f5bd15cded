package dev.scalerhost.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Capacity per consumer and the replicas figure on a fake group and a fake clock (no broker): what
 * happens around consumers stopping, restarting and sitting idle, with the members described on
 * their own slower cadence as the source does.
 */
class CapacityLearningTest {

    private static final Duration WINDOW = Duration.ofSeconds(10);
    private static final Duration DRAIN_WITHIN = Duration.ofSeconds(30);
    private static final long SECOND = 1_000;

    @Test
    void keepsTheCapacityWhenConsumersStopBeforeADescribeSeesIt() {
        // Arrivals above what 4 consumers do: a backlog all along, so capacity is learned.
        FakeGroup group = new FakeGroup(12, 4, 20, 3_000, 2_000);
        RateTracker tracker = new RateTracker(WINDOW);
        RateTracker.Rates rates = run(group, tracker, 40, 100, null);
        assertThat(rates.capacity()).isCloseTo(20, within(0.5));

        // They stop a second after a describe: the next two samples still show 4 members, committing nothing.
        group.scaleTo(0);
        List<Double> learned = new ArrayList<>();
        run(group, tracker, 25, 100, learned);
        group.scaleTo(4);
        run(group, tracker, 30, 100, learned);

        assertThat(learned).allSatisfy(capacity -> assertThat(capacity).isCloseTo(20, within(0.5)));
    }

    @Test
    void learnsFromTheBusyMembersNotFromOnesWaitingForRecords() {
        // Member 0 has partitions 0 and 2 (30/s arriving, more than its 20/s), member 1 has partition 1 (15/s).
        FakeGroup group = new FakeGroup(3, 2, 20, 3_000, 0);
        RateTracker tracker = new RateTracker(WINDOW);

        RateTracker.Rates rates = run(group, tracker, 40, 45, null);

        assertThat(rates.consumeRate()).isCloseTo(35, within(1.0));
        assertThat(rates.capacity()).isCloseTo(20, within(0.5));
    }

    @Test
    void aRestartWithALargeBacklogAndEnoughCapacityAsksForNoMoreConsumers() {
        // 6 consumers at 20/s on 12 partitions, 65/s arriving: they drain a backlog of 100 per partition first
        // (capacity is learned), then stop for 20 s; 1300 records plus the 2 s they take to rejoin drain
        // within 30 s with 6 (65 + 1430 / 30 = 113/s of 120/s).
        FakeGroup group = new FakeGroup(12, 6, 20, 3_000, 2_000);
        group.backlog(100);
        RateTracker tracker = new RateTracker(WINDOW);
        run(group, tracker, 60, 65, null);
        group.scaleTo(0);
        List<Integer> figures = new ArrayList<>();
        for (int s = 0; s < 20; s++) {
            group.step(SECOND, 65);
            figures.add(figure(group, tracker.add(group.sample())));
        }
        group.scaleTo(6);
        long highestLag = 0;
        for (int s = 0; s < 32; s++) {
            group.step(SECOND, 65);
            highestLag = Math.max(highestLag, group.lag());
            figures.add(figure(group, tracker.add(group.sample())));
        }

        assertThat(highestLag).as("the backlog after the restart").isGreaterThan(1_300);
        assertThat(figures).allSatisfy(replicas -> assertThat(replicas).isLessThanOrEqualTo(6));
        assertThat(group.lag()).as("drained within 30 s of the restart").isLessThan(65 * 3);
    }

    @Test
    void aGroupCatchingUpFastEnoughKeepsItsCount() {
        Duration drain = Duration.ofSeconds(60);
        // Formula asks 5 (capacity learned low), but 4 members commit 100/s against 40/s + 3000 / 60 s.
        assertThat(ReplicasCalculator.notMoreThanCatchingUp(5, 4, 40, 100, true, 3_000, drain)).isEqualTo(4);
        // Not fast enough: 4 members at 80/s.
        assertThat(ReplicasCalculator.notMoreThanCatchingUp(5, 4, 40, 80, true, 3_000, drain)).isEqualTo(5);
        // The members changed within the window: their consume rate says nothing about the current ones.
        assertThat(ReplicasCalculator.notMoreThanCatchingUp(5, 4, 40, 100, false, 3_000, drain)).isEqualTo(5);
        // Fewer asked for than there are: that stays.
        assertThat(ReplicasCalculator.notMoreThanCatchingUp(2, 4, 40, 100, true, 3_000, drain)).isEqualTo(2);
        // Rates not known yet, or no members.
        assertThat(ReplicasCalculator.notMoreThanCatchingUp(5, 4, Double.NaN, Double.NaN, true, 3_000, drain)).isEqualTo(5);
        assertThat(ReplicasCalculator.notMoreThanCatchingUp(5, 0, 40, 100, true, 3_000, drain)).isEqualTo(5);
    }

    /** The replicas figure as the source computes it, with ratePerReplica 20 until capacity is learned. */
    private static int figure(FakeGroup group, RateTracker.Rates rates) {
        double capacity = Double.isNaN(rates.capacity()) ? 20 : rates.capacity();
        int replicas = ReplicasCalculator.replicas(rates.arrivalRate(), group.lag(), DRAIN_WITHIN, capacity, 12, false);
        return ReplicasCalculator.notMoreThanCatchingUp(replicas, rates.members().orElse(0), rates.arrivalRate(),
                rates.consumeRate(), rates.membersUnchanged(), group.lag(), DRAIN_WITHIN);
    }

    private static RateTracker.Rates run(FakeGroup group, RateTracker tracker, int seconds, double arrival,
                                         List<Double> learned) {
        RateTracker.Rates rates = null;
        for (int s = 0; s < seconds; s++) {
            group.step(SECOND, arrival);
            rates = tracker.add(group.sample());
            if (learned != null) {
                learned.add(rates.capacity());
            }
        }
        return rates;
    }
}
