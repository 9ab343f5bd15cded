package dev.scalerhost.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.postgres.WorkQueueDatabase.State;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rows every test of this package starts from: for each of Lakerunner's seven worker tasks a
 * different mix of waiting, claimed and failed items (one task with no rows at all, one with only
 * claimed and failed ones), plus a task that no worker serves.
 */
final class QueueSeed {

    /** The waiting (unclaimed, unfailed) items per task after {@link #load}: the depth each worker must see. */
    static final Map<String, Integer> DEPTHS = Map.of(
            "ingest-logs", 37,
            "ingest-metrics", 12,
            "ingest-traces", 0,
            "compact-logs", 0,
            "compact-metrics", 250,
            "compact-traces", 1,
            "rollup-metrics", 8);

    private QueueSeed() {
    }

    static void load(WorkQueueDatabase db) throws SQLException {
        db.add("ingest-logs", 37, State.UNCLAIMED);
        db.add("ingest-logs", 5, State.CLAIMED);
        db.add("ingest-logs", 2, State.FAILED);
        db.add("ingest-metrics", 12, State.UNCLAIMED);
        db.add("ingest-metrics", 3, State.CLAIMED);
        db.add("compact-logs", 4, State.FAILED);
        db.add("compact-logs", 6, State.CLAIMED);
        db.add("compact-metrics", 250, State.UNCLAIMED);
        db.add("compact-traces", 1, State.UNCLAIMED);
        db.add("rollup-metrics", 8, State.UNCLAIMED);
        db.add("rollup-metrics", 8, State.CLAIMED);
        // Close to a served name, so that a key matched by prefix or pattern would show.
        db.add("ingest-logs-archive", 99, State.UNCLAIMED);
    }

    /**
     * The value each serviceType of {@code config} must report for {@code depthByTask}; asserts that
     * the file's workers count exactly the seeded tasks.
     */
    static Map<String, Double> expected(LakerunnerQueueConfig config, Map<String, Integer> depthByTask) {
        Map<String, Double> expected = new LinkedHashMap<>();
        for (String serviceType : config.serviceTypes()) {
            expected.put(serviceType, depthByTask.getOrDefault(config.key(serviceType), -1).doubleValue());
        }
        assertThat(config.serviceTypes()).as("worker serviceTypes of %s", LakerunnerQueueConfig.FILE).hasSize(7);
        assertThat(config.serviceTypes().stream().map(config::key))
                .as("tasks counted by the worker serviceTypes of %s", LakerunnerQueueConfig.FILE)
                .containsExactlyInAnyOrderElementsOf(depthByTask.keySet());
        return expected;
    }
}
