package dev.scalerhost.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.harness.ScalerhostProcessBuilder;
import dev.scalerhost.it.postgres.WorkQueueDatabase.State;
import dev.scalerhost.testservers.PostgresServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distribution with the work-queue part of {@code config/lakerunner.yaml}, unchanged, against a
 * seeded {@code work_queue}: exact depths for the seven workers, and fresh answers one refresh
 * after rows are inserted, claimed or failed.
 */
class WorkQueueDepthIT {

    private static final Logger log = LoggerFactory.getLogger(WorkQueueDepthIT.class);
    /** The engine looks for due bindings at least once a second; a query takes milliseconds. */
    private static final Duration REFRESH_SLACK = Duration.ofMillis(2000);
    /**
     * On a busy machine the first connection of a fresh JVM (driver classes, SCRAM) can outlast the
     * file's 2 s connectionTimeout; the next refresh then measures. Exactness is what is asserted.
     */
    private static final Duration FIRST_VALUES = Duration.ofSeconds(30);

    private final Distribution distribution = Distribution.unpacked();
    private final LakerunnerQueueConfig config = LakerunnerQueueConfig.of(distribution);
    private final PostgresServer server = SharedPostgres.server();

    @Test
    void reportsTheExactDepthOfEachWorkerWithTheTargetAndActivationOfTheShippedConfig() throws Exception {
        WorkQueueDatabase db = WorkQueueDatabase.create(server, "lakerunner_depths");
        QueueSeed.load(db);
        Map<String, Double> expected = QueueSeed.expected(config, QueueSeed.DEPTHS);

        try (ScalerhostProcess host = start(db, "depths"); KedaClient keda = KedaClient.connect(host.grpcPort())) {
            keda.awaitConnected(Duration.ofSeconds(30));
            WorkerPolls.await(keda, expected, FIRST_VALUES);
            for (String serviceType : config.serviceTypes()) {
                double depth = expected.get(serviceType);
                double target = config.target(serviceType);

                KedaClient.Poll poll = keda.poll(serviceType, KedaClient.HPA_DEADLINE);

                assertThat(poll).as(serviceType).isEqualTo(new KedaClient.Poll(serviceType, target, Math.round(target),
                        depth, Math.round(depth), depth > config.activation(serviceType)));
            }
            JsonNode status = new ObjectMapper().readTree(host.http("/status").body());
            for (String serviceType : config.serviceTypes()) {
                JsonNode binding = status.path("serviceTypes").path(serviceType);
                assertThat(binding.path("source").asText()).as(serviceType).isEqualTo(config.sourceName());
                assertThat(binding.path("value").asDouble()).as(serviceType).isEqualTo(expected.get(serviceType));
                assertThat(binding.path("lastError").isNull()).as(serviceType + " lastError").isTrue();
            }
            host.stop();
        }
    }

    @Test
    void insertingClaimingAndFailingRowsChangesTheAnswersAfterOneRefresh() throws Exception {
        WorkQueueDatabase db = WorkQueueDatabase.create(server, "lakerunner_changes");
        QueueSeed.load(db);
        Duration refresh = config.refreshInterval();

        try (ScalerhostProcess host = start(db, "changes"); KedaClient keda = KedaClient.connect(host.grpcPort())) {
            keda.awaitConnected(Duration.ofSeconds(30));
            WorkerPolls.await(keda, QueueSeed.expected(config, QueueSeed.DEPTHS), FIRST_VALUES);

            db.add("ingest-traces", 10, State.UNCLAIMED);
            db.claim("ingest-logs", 5);
            db.fail("ingest-metrics", 12);
            db.add("compact-logs", 3, State.UNCLAIMED);
            db.claim("compact-metrics", 50);
            db.claim("compact-traces", 1);
            db.add("rollup-metrics", 2, State.CLAIMED);
            Map<String, Integer> after = new HashMap<>(QueueSeed.DEPTHS);
            after.putAll(Map.of("ingest-traces", 10, "ingest-logs", 32, "ingest-metrics", 0, "compact-logs", 3,
                    "compact-metrics", 200, "compact-traces", 0));
            Map<String, Double> expected = QueueSeed.expected(config, after);

            Duration took = WorkerPolls.await(keda, expected, refresh.plus(REFRESH_SLACK).multipliedBy(2));

            log.info("the seven workers reported the changed queue {} ms after the commit (refreshInterval {} ms)",
                    took.toMillis(), refresh.toMillis());
            assertThat(took).as("time until every worker saw the change").isLessThanOrEqualTo(refresh.plus(REFRESH_SLACK));
            for (String serviceType : config.serviceTypes()) {
                assertThat(keda.poll(serviceType).active()).as(serviceType + " active")
                        .isEqualTo(expected.get(serviceType) > config.activation(serviceType));
            }
            host.stop();
        }
    }

    private ScalerhostProcess start(WorkQueueDatabase db, String name) {
        ScalerhostProcessBuilder builder = ScalerhostProcess.builder(distribution).name(name).config(config.yaml());
        db.hostEnvironment().forEach(builder::env);
        return builder.start();
    }
}
