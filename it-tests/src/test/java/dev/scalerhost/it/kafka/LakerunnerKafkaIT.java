package dev.scalerhost.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.LakerunnerConfig.KafkaBinding;
import dev.scalerhost.it.kafka.LakerunnerConfig.QueueBinding;
import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.PostgresServer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped {@code config/lakerunner.yaml} run by the built distribution against a real Kafka broker
 * and a real PostgreSQL work queue: every serviceType answers KEDA's calls with the exact value.
 */
class LakerunnerKafkaIT {

    private static final int PARTITIONS = 4;
    private static final String DB_USER = "scaler";
    private static final String DB_PASSWORD = "lakerunner-it-password";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** How long a host may take for its first measurement on a busy machine. */
    private static final Duration FIRST_MEASUREMENT = Duration.ofSeconds(30);

    private static final Distribution distribution = Distribution.unpacked();
    private static final LakerunnerConfig shipped = LakerunnerConfig.shipped(distribution);
    private static final Map<String, Long> expectedLag = new HashMap<>();
    private static final Map<String, Long> expectedDepth = new HashMap<>();
    private static KafkaBroker broker;
    private static PostgresServer postgres;
    private static ScalerhostProcess host;
    /** The shipped file with KEDA's activationLagThreshold on the Kafka serviceTypes, a missing topic and a group that never committed. */
    private static ScalerhostProcess derived;
    private static long threshold;

    @BeforeAll
    static void startServersAndHost() throws Exception {
        broker = KafkaBroker.started();
        postgres = PostgresServer.start();
        prepareKafka();
        prepareWorkQueue();
        threshold = expectedLag.get(shipped.kafkaBindings().get(5).serviceType());
        KafkaBinding first = shipped.kafkaBindings().get(0);
        String badBindings = """
                  it-missing-topic:
                    source: kafka
                    topic: lakerunner.it.no-such-topic
                    consumerGroup: %s
                    target: 10
                  it-unknown-group:
                    source: kafka
                    topic: %s
                    consumerGroup: lakerunner.it.never-committed
                    target: 10
                """.formatted(first.consumerGroup(), first.topic());
        // Both hosts start side by side: a JVM start is most of the wait.
        host = launch("lakerunner", shipped);
        derived = launch("lakerunner-derived",
                shipped.withKafkaActivationLagThreshold(threshold).withExtraKafkaServiceTypes(badBindings));
        host.awaitReady(READY_TIMEOUT);
        derived.awaitReady(READY_TIMEOUT);
    }

    @AfterAll
    static void stopAll() {
        if (host != null) {
            host.close();
        }
        if (derived != null) {
            derived.close();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /**
     * Partition p of the k-th topic holds 4 + k + 2p records and its group committed k % 3 + p of them;
     * the second group leaves its last partition uncommitted (KEDA's offsetResetPolicy latest: lag 1)
     * and the last group is fully caught up (lag 0).
     */
    private static void prepareKafka() {
        List<KafkaBinding> bindings = shipped.kafkaBindings();
        assertThat(bindings).hasSize(11);
        try (KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
            kafka.createTopics(bindings.stream().map(KafkaBinding::topic).toList(), PARTITIONS);
            for (int k = 0; k < bindings.size(); k++) {
                KafkaBinding binding = bindings.get(k);
                long[] produced = new long[PARTITIONS];
                long[] committed = new long[PARTITIONS];
                long lag = 0;
                for (int p = 0; p < PARTITIONS; p++) {
                    produced[p] = 4 + k + 2L * p;
                    committed[p] = k == bindings.size() - 1 ? produced[p] : k % 3 + p;
                    if (k == 1 && p == PARTITIONS - 1) {
                        committed[p] = -1;
                        lag += 1;
                    } else {
                        lag += produced[p] - committed[p];
                    }
                }
                kafka.produce(binding.topic(), produced);
                kafka.commit(binding.consumerGroup(), binding.topic(), committed);
                // Every lag here stays below partitions x target, so the cap does not apply.
                assertThat((double) lag).isLessThan(PARTITIONS * binding.target());
                expectedLag.put(binding.serviceType(), lag);
            }
        }
    }

    /** Task j has 2j + 1 waiting items, except the last, which has none; claimed and failed items never count. */
    private static void prepareWorkQueue() throws Exception {
        postgres.createDatabase("lakerunner");
        postgres.createUser(DB_USER, DB_PASSWORD);
        StringBuilder sql = new StringBuilder("""
                CREATE TABLE work_queue (id bigserial PRIMARY KEY, task_name text NOT NULL, priority integer NOT NULL,
                    claimed_by bigint NOT NULL DEFAULT -1, failed boolean NOT NULL DEFAULT false);
                GRANT SELECT ON work_queue TO scaler;
                """);
        List<QueueBinding> bindings = shipped.queueBindings();
        assertThat(bindings).hasSize(7);
        for (int j = 0; j < bindings.size(); j++) {
            String key = bindings.get(j).key();
            long waiting = j == bindings.size() - 1 ? 0 : 2L * j + 1;
            for (int i = 0; i < waiting; i++) {
                sql.append("INSERT INTO work_queue (task_name, priority) VALUES ('").append(key).append("', ")
                        .append(i % 3).append(");\n");
            }
            sql.append("INSERT INTO work_queue (task_name, priority, claimed_by) VALUES ('").append(key).append("', 1, 42);\n");
            sql.append("INSERT INTO work_queue (task_name, priority, failed) VALUES ('").append(key).append("', 1, true);\n");
            expectedDepth.put(bindings.get(j).serviceType(), waiting);
        }
        postgres.execute("lakerunner", sql.toString());
    }

    private static ScalerhostProcess launch(String name, LakerunnerConfig config) {
        return ScalerhostProcess.builder(distribution)
                .name(name)
                .config(config.text())
                .env("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
                .env("LAKERUNNER_DB_URL", postgres.jdbcUrl("lakerunner"))
                .env("LAKERUNNER_DB_USER", DB_USER)
                .env("LAKERUNNER_DB_PASSWORD", DB_PASSWORD)
                .launch();
    }

    @Test
    void everyKafkaServiceTypeReportsTheExactLagAndIsActiveOnlyWithLag() {
        try (KedaClient keda = KedaClient.connect(host.grpcPort())) {
            for (KafkaBinding binding : shipped.kafkaBindings()) {
                long lag = expectedLag.get(binding.serviceType());
                KedaClient.Poll poll = awaitPoll(keda, binding.serviceType());

                assertThat(poll.metricName()).as(binding.serviceType()).isEqualTo(binding.serviceType());
                assertThat(poll.target()).as(binding.serviceType()).isEqualTo(binding.target());
                assertThat(poll.value()).as(binding.serviceType()).isEqualTo((double) lag);
                assertThat(poll.valueInt()).as(binding.serviceType()).isEqualTo(lag);
                assertThat(poll.active()).as(binding.serviceType() + " with lag " + lag + ", activation 0")
                        .isEqualTo(lag > 0);
            }
        }
        assertThat(expectedLag.values()).contains(0L);
    }

    @Test
    void everyWorkQueueServiceTypeReportsItsWaitingItems() {
        try (KedaClient keda = KedaClient.connect(host.grpcPort())) {
            for (QueueBinding binding : shipped.queueBindings()) {
                long depth = expectedDepth.get(binding.serviceType());
                KedaClient.Poll poll = awaitPoll(keda, binding.serviceType());

                assertThat(poll.target()).as(binding.serviceType()).isEqualTo(binding.target());
                assertThat(poll.value()).as(binding.serviceType()).isEqualTo((double) depth);
                assertThat(poll.active()).as(binding.serviceType()).isEqualTo(depth > 0);
            }
        }
    }

    @Test
    void activationFollowsActivationLagThresholdWhileTheValueStaysExact() {
        try (KedaClient keda = KedaClient.connect(derived.grpcPort())) {
            for (KafkaBinding binding : shipped.kafkaBindings()) {
                long lag = expectedLag.get(binding.serviceType());
                KedaClient.Poll poll = awaitPoll(keda, binding.serviceType());

                assertThat(poll.value()).as(binding.serviceType()).isEqualTo((double) lag);
                assertThat(poll.active()).as(binding.serviceType() + " with lag " + lag + ", activationLagThreshold " + threshold)
                        .isEqualTo(lag > threshold);
            }
        }
        assertThat(expectedLag.values()).anyMatch(lag -> lag > threshold).anyMatch(lag -> lag > 0 && lag <= threshold);
    }

    @Test
    void aMissingTopicFailsOnlyItsOwnServiceTypeAndAGroupThatNeverCommittedCountsOnePerPartition() {
        try (KedaClient keda = KedaClient.connect(derived.grpcPort())) {
            awaitFailure(keda, "it-missing-topic", "lakerunner.it.no-such-topic");
            // KEDA's offsetResetPolicy latest: 1 per partition without a committed offset, so a new workload wakes.
            assertThat(awaitPoll(keda, "it-unknown-group").value()).isEqualTo((double) PARTITIONS);
            for (KafkaBinding binding : shipped.kafkaBindings()) {
                assertThat(awaitPoll(keda, binding.serviceType()).value()).as(binding.serviceType())
                        .isEqualTo((double) expectedLag.get(binding.serviceType()));
            }
        }
        MetricsText metrics = MetricsText.parse(derived.http("/metrics").body());
        assertThat(metrics.find("scalerhost_source_errors_total", "source", "kafka"))
                .as("per-key Kafka errors counted by the plugin").isNotEmpty();
    }

    @Test
    void metricsShowThePluginsPerSourceRequestsAndRefreshes() {
        try (KedaClient keda = KedaClient.connect(host.grpcPort())) {
            awaitPoll(keda, shipped.kafkaBindings().get(0).serviceType());
        }
        MetricsText metrics = MetricsText.parse(host.http("/metrics").body());

        assertThat(metrics.value("scalerhost_source_requests_total", "source", "kafka", "api", "listConsumerGroupOffsets"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(metrics.value("scalerhost_source_requests_total", "source", "kafka", "api", "listOffsets"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(metrics.value("scalerhost_source_refreshes_total", "source", "kafka"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(metrics.value("scalerhost_source_refresh_duration_count", "source", "kafka"))
                .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
        assertThat(steadyRequestsPerRefresh()).as("Admin requests of a refresh of all 11 Kafka serviceTypes, "
                + "once the lag-in-seconds history is warm").isBetween(2.0, 3.0);
    }

    /**
     * {@code scalerhost_source_requests_last_refresh} of the Kafka source once it is at most 3: the
     * first refreshes may add bounded look-ups of broker timestamps while the lag-in-seconds history
     * warms up, and the members' describe runs on its own cadence; a steady refresh costs 2 or 3.
     * The last value read if it never gets there within {@link #FIRST_MEASUREMENT}.
     */
    private static double steadyRequestsPerRefresh() {
        long deadline = System.nanoTime() + FIRST_MEASUREMENT.toNanos();
        double last = Double.NaN;
        while (System.nanoTime() < deadline) {
            last = MetricsText.parse(host.http("/metrics").body())
                    .value("scalerhost_source_requests_last_refresh", "source", "kafka").orElse(Double.NaN);
            if (last <= 3) {
                return last;
            }
            pause();
        }
        return last;
    }

    /** A poll as KEDA's polling loop makes it, retried while the host has not finished its first measurement. */
    private static KedaClient.Poll awaitPoll(KedaClient keda, String serviceType) {
        long deadline = System.nanoTime() + FIRST_MEASUREMENT.toNanos();
        while (true) {
            try {
                return keda.poll(serviceType);
            } catch (StatusRuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(serviceType + " still failed after " + FIRST_MEASUREMENT + ": " + e.getStatus(), e);
                }
                pause();
            }
        }
    }

    /** Polls until {@code serviceType} fails with UNAVAILABLE naming {@code cause}; a value at any point is a failure. */
    private static void awaitFailure(KedaClient keda, String serviceType, String cause) {
        long deadline = System.nanoTime() + FIRST_MEASUREMENT.toNanos();
        Status last = null;
        while (System.nanoTime() < deadline) {
            try {
                KedaClient.Poll poll = keda.poll(serviceType);
                throw new AssertionError(serviceType + " must fail, but answered " + poll);
            } catch (StatusRuntimeException e) {
                last = e.getStatus();
                if (last.getCode() == Status.Code.UNAVAILABLE && last.getDescription() != null
                        && last.getDescription().contains(cause)) {
                    return;
                }
            }
            pause();
        }
        throw new AssertionError(serviceType + " did not fail with UNAVAILABLE naming " + cause + " within "
                + FIRST_MEASUREMENT + "; last: " + last);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
