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
    private static final int WINDOW_SECONDS = 10;

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
    void aRestartHoldsTheCountTheGroupHadUntilAsManyMembersAreBackForAWindow() {
        // 6 consumers at 20/s on 12 partitions, 41/s arriving: settled, no backlog. All stop for 20 s, then
        // come back one, then four, then six (a slow rejoin), each taking 2 s before they process.
        FakeGroup group = new FakeGroup(12, 6, 20, 3_000, 2_000);
        RateTracker tracker = new RateTracker(WINDOW);
        RestartHold hold = new RestartHold(WINDOW.toMillis(), DRAIN_WITHIN.toMillis());
        List<Integer> before = new ArrayList<>();
        steps(group, tracker, hold, 40, before, new ArrayList<>());
        assertThat(before.subList(30, 40)).as("settled at 41/s, before the restart").containsOnly(3);

        List<Integer> figures = new ArrayList<>();
        List<Integer> unheld = new ArrayList<>();
        group.scaleTo(0);
        steps(group, tracker, hold, 20, unheld, figures);
        group.scaleTo(1);
        steps(group, tracker, hold, 8, unheld, figures);
        group.scaleTo(4);
        steps(group, tracker, hold, 4, unheld, figures);
        group.scaleTo(6);
        int back = figures.size();
        steps(group, tracker, hold, 40, unheld, figures);

        // Held at 6 from the first describe without members until the 6 have held their partitions for a
        // window (a describe every 3 s: the hold starts within 3 s of the stop, ends 10-16 s after they are back).
        int first = figures.indexOf(6);
        assertThat(first).isBetween(0, 3);
        int released = first + figures.subList(first, figures.size()).indexOf(figures.stream()
                .skip(back).filter(f -> f != 6).findFirst().orElseThrow());
        assertThat(figures.subList(first, released)).containsOnly(6);
        assertThat(released - back).isBetween(10, 16);
        // Without the hold, the formula asked for fewer while no consumer ran (the backlog was still small),
        // and the figure after the hold never asks for more than the 6 the group had.
        assertThat(unheld.subList(first, 12)).allSatisfy(f -> assertThat(f).isLessThan(6));
        assertThat(figures.subList(released, figures.size())).allSatisfy(f -> assertThat(f).isLessThanOrEqualTo(6));
        assertThat(figures.get(figures.size() - 1)).as("caught up, back to what 41/s needs").isEqualTo(3);
    }

    @Test
    void aRestartHoldEndsWhenAnotherCountStaysForDrainWithin() {
        // 6 stop, 2 come back and stay (too few to drain: the backlog stays): after drainWithin of 2 unchanged
        // members, the formula decides again.
        FakeGroup group = new FakeGroup(12, 6, 20, 3_000, 2_000);
        RateTracker tracker = new RateTracker(WINDOW);
        RestartHold hold = new RestartHold(WINDOW.toMillis(), DRAIN_WITHIN.toMillis());
        steps(group, tracker, hold, 40, new ArrayList<>(), new ArrayList<>());
        group.scaleTo(0);
        List<Integer> figures = new ArrayList<>();
        steps(group, tracker, hold, 10, new ArrayList<>(), figures);
        group.scaleTo(2);
        steps(group, tracker, hold, 60, new ArrayList<>(), figures);

        assertThat(group.lag()).as("the backlog is still there").isGreaterThan(41 * 10);
        assertThat(figures.subList(4, 10 + 30)).containsOnly(6);
        assertThat(figures.subList(10 + 34, figures.size())).allSatisfy(f -> assertThat(f).isBetween(3, 5));
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

    @Test
    void anExcessWithinTheHpasToleranceAsksForNoMoreConsumers() {
        // Arrivals at exactly 2 consumers' capacity, measured 0.1 % high, 5 records in flight: 2.003 needed.
        assertThat(ReplicasCalculator.replicas(40.04, 5, DRAIN_WITHIN, 20, 12, false)).isEqualTo(3);
        assertThat(ReplicasCalculator.withinTolerance(3, 2, 40.04, 5, DRAIN_WITHIN, 20)).isEqualTo(2);
        // Up to 10 % above the 2 running: 40/s and 120 records to drain within 30 s need 2.2.
        assertThat(ReplicasCalculator.withinTolerance(3, 2, 40, 120, DRAIN_WITHIN, 20)).isEqualTo(2);
        // A real shortfall: 150 records need 2.25, beyond the tolerance.
        assertThat(ReplicasCalculator.withinTolerance(3, 2, 40, 150, DRAIN_WITHIN, 20)).isEqualTo(3);
        // Never more than the formula, nor anything without members.
        assertThat(ReplicasCalculator.withinTolerance(2, 3, 40, 5, DRAIN_WITHIN, 20)).isEqualTo(2);
        assertThat(ReplicasCalculator.withinTolerance(3, 0, 40.04, 5, DRAIN_WITHIN, 20)).isEqualTo(3);
    }

    @Test
    void aGroupAtExactlyItsCapacityKeepsItsCountUntilABacklogGrows() {
        // 2 consumers at 20/s, 40.1/s arriving (a producer 0.25 % above their capacity, or a rate measured so):
        // a few records stay behind, and the rounded-up formula asks for a third; the figure stays 2.
        FakeGroup group = new FakeGroup(12, 2, 20, 3_000, 0);
        RateTracker tracker = new RateTracker(WINDOW);
        List<Integer> figures = new ArrayList<>();
        List<Integer> rounded = new ArrayList<>();
        for (int s = 0; s < 40; s++) {
            group.step(SECOND, 40.1);
            RateTracker.Rates rates = tracker.add(group.sample());
            figures.add(figure(group, rates));
            rounded.add(ReplicasCalculator.replicas(rates.arrivalRate(), group.lag(), DRAIN_WITHIN, 20, 12, false));
        }
        assertThat(group.lag()).isBetween(1L, 12L);
        assertThat(rounded.subList(WINDOW_SECONDS, 40)).contains(3);
        assertThat(figures.subList(WINDOW_SECONDS, 40)).containsOnly(2);

        // A backlog of 10 s of their work on top (it also shows as arrivals over the window): more than 2.
        group.backlog(400 / 12 + 1);
        group.step(SECOND, 40.1);
        assertThat(figure(group, tracker.add(group.sample()))).isGreaterThan(2);
    }

    /** The replicas figure as the source computes it, with ratePerReplica 20 until capacity is learned. */
    private static int figure(FakeGroup group, RateTracker.Rates rates) {
        double capacity = Double.isNaN(rates.capacity()) ? 20 : rates.capacity();
        int replicas = ReplicasCalculator.replicas(rates.arrivalRate(), group.lag(), DRAIN_WITHIN, capacity, 12, false);
        replicas = ReplicasCalculator.notMoreThanCatchingUp(replicas, rates.members().orElse(0), rates.arrivalRate(),
                rates.consumeRate(), rates.membersUnchanged(), group.lag(), DRAIN_WITHIN);
        return ReplicasCalculator.withinTolerance(replicas, rates.members().orElse(0), rates.arrivalRate(),
                group.lag(), DRAIN_WITHIN, capacity);
    }

    /** Runs the group with 41/s arriving; adds the figure without the hold to {@code unheld}, with it to {@code figures}. */
    private static void steps(FakeGroup group, RateTracker tracker, RestartHold hold, int seconds, List<Integer> unheld,
                              List<Integer> figures) {
        for (int s = 0; s < seconds; s++) {
            group.step(SECOND, 41);
            RateTracker.Sample sample = group.sample();
            int figure = figure(group, tracker.add(sample));
            int held = hold.update(sample.millis(), sample.assignment(), group.lag());
            unheld.add(figure);
            figures.add(held > 0 ? held : figure);
        }
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
