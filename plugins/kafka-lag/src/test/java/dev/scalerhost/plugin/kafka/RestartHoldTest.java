package dev.scalerhost.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When the replicas figure holds the member count a group had, and when it does not (fake describes, fake clock). */
class RestartHoldTest {

    private static final long WINDOW = 10_000;
    private static final long DRAIN_WITHIN = 30_000;

    @Test
    void holdsFromAnEmptyGroupWithABacklogUntilAsManyAreBackForAWindow() {
        RestartHold hold = new RestartHold(WINDOW, DRAIN_WITHIN);
        assertThat(hold.update(0, described(6, 6), 10)).isZero();
        assertThat(hold.update(3_000, described(0, 0), 200)).isEqualTo(6);
        assertThat(hold.update(30_000, described(0, 0), 2_000)).as("however long none runs").isEqualTo(6);
        assertThat(hold.update(33_000, described(6, 6), 2_000)).isEqualTo(6);
        assertThat(hold.update(42_000, described(6, 6), 900)).isEqualTo(6);
        assertThat(hold.update(43_000, described(6, 6), 800)).as("6 unchanged for the window").isZero();
    }

    @Test
    void endsWhenTheBacklogIsGone() {
        RestartHold hold = new RestartHold(WINDOW, DRAIN_WITHIN);
        hold.update(0, described(4, 4), 10);
        assertThat(hold.update(1_000, described(0, 0), 50)).isEqualTo(4);
        assertThat(hold.update(5_000, described(2, 2), 0)).isZero();
    }

    @Test
    void neverFromARebalanceAScaleDownAGroupNeverSeenWithMembersOrWithoutBacklog() {
        RestartHold rebalance = new RestartHold(WINDOW, DRAIN_WITHIN);
        rebalance.update(0, described(6, 6), 10);
        assertThat(rebalance.update(3_000, described(0, 4), 500)).as("members present, without partitions").isZero();

        RestartHold scaledDown = new RestartHold(WINDOW, DRAIN_WITHIN);
        scaledDown.update(0, described(6, 6), 10);
        assertThat(scaledDown.update(3_000, described(4, 4), 500)).isZero();

        RestartHold neverSeen = new RestartHold(WINDOW, DRAIN_WITHIN);
        assertThat(neverSeen.update(0, described(0, 0), 500)).isZero();
        assertThat(neverSeen.update(0, Optional.empty(), 500)).isZero();

        RestartHold longGone = new RestartHold(WINDOW, DRAIN_WITHIN);
        longGone.update(0, described(6, 6), 10);
        longGone.update(3_000, described(0, 0), 0);
        assertThat(longGone.update(14_000, described(0, 0), 500)).as("members last seen more than a window ago").isZero();

        RestartHold idle = new RestartHold(WINDOW, DRAIN_WITHIN);
        idle.update(0, described(6, 6), 0);
        assertThat(idle.update(3_000, described(0, 0), 0)).isZero();
    }

    /** A describe of {@code holding} members with one of the binding's partitions each, in a group of {@code size}. */
    private static Optional<GroupMembers.Assignment> described(int holding, int size) {
        List<Set<TopicPartition>> members = new ArrayList<>();
        for (int m = 0; m < holding; m++) {
            members.add(Set.of(new TopicPartition("t", m)));
        }
        return Optional.of(new GroupMembers.Assignment(members, size, 0));
    }
}
