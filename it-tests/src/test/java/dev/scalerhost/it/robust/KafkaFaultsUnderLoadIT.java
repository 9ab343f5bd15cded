package dev.scalerhost.it.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.KafkaFixture;
import dev.scalerhost.testservers.KafkaBroker;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * While 200 KEDA-like callers keep the host busy, the real Kafka broker behind a {@code kafka-lag}
 * source is stopped and started again on the same port and data, twice. During an outage callers get
 * {@code UNAVAILABLE} (after the last good lag's {@code maxStaleness}), never a made-up lag; after each
 * restart the exact new lag is served again; at the end the host has as many threads and connections
 * to the broker as before the faults.
 */
class KafkaFaultsUnderLoadIT {

    private static final String TOPIC = "faults.orders";
    private static final String GROUP = "faults.orders.workers";
    private static final String AUDIT_GROUP = "faults.orders.audit";
    private static final String ORDERS = "orders-lag";
    private static final String AUDIT = "audit-lag";
    private static final long[] RECORDS = {60, 40};
    /** Lag (60 - 10) + (40 - 20) = 70 before the faults. */
    private static final long[] COMMITTED = {10, 20};
    /**
     * Partition 0's committed offset after each restart: lag 58, then 45. Only committed offsets of
     * one partition change, in one request, so a refresh sees either the old lag or the new one.
     */
    private static final long[] COMMITTED_AFTER_RESTART = {22, 35};
    private static final double[] LAG_AFTER_RESTART = {58, 45};
    private static final double FIRST_LAG = 70;
    /** The audit group committed nothing past offset 0: its lag is every record, throughout. */
    private static final double AUDIT_LAG = 100;
    private static final int CALLERS = 200;
    private static final Duration OUTAGE = Duration.ofSeconds(4);

    private static KafkaBroker broker;
    private final Distribution distribution = Distribution.unpacked();

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.started();
        try (KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
            kafka.createTopics(List.of(TOPIC), RECORDS.length);
            kafka.produce(TOPIC, RECORDS);
            kafka.commit(GROUP, TOPIC, COMMITTED);
            kafka.commit(AUDIT_GROUP, TOPIC, 0, 0);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void brokerRestartsUnderLoadGiveUnavailableThenExactLagWithoutLeaks() throws Exception {
        long started = System.nanoTime();
        int brokerPort = brokerPort();
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("faults-kafka").config(config()).start();
                KedaClient keda = KedaClient.connect(host.grpcPort())) {
            awaitPoll(keda, ORDERS, FIRST_LAG);
            awaitPoll(keda, AUDIT, AUDIT_LAG);
            try (CallerPool callers = new CallerPool(host.grpcPort(), ORDERS, CALLERS, Duration.ofMillis(100))) {
                callers.awaitValue(FIRST_LAG);
                Thread.sleep(2_000);
                long threadsBefore = JvmProbe.threads(host.pid());
                int connectionsBefore = JvmProbe.establishedConnections(host.pid(), brokerPort);
                assertThat(connectionsBefore).as("the host's connections to the broker are seen at all").isPositive();
                assertThat(callers.values()).as("values before the faults; calls by status " + callers.outcomes())
                        .containsOnly(FIRST_LAG);
                callers.reset();

                for (int cycle = 0; cycle < LAG_AFTER_RESTART.length; cycle++) {
                    broker.stop();
                    Thread.sleep(OUTAGE.toMillis());
                    Map<Status.Code, Long> during = callers.outcomes();
                    broker.start();
                    try (KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
                        kafka.commit(GROUP, TOPIC, COMMITTED_AFTER_RESTART[cycle], -1);
                    }
                    callers.awaitValue(LAG_AFTER_RESTART[cycle]);
                    System.out.printf("KafkaFaultsUnderLoadIT: outage %d: calls by status %s; values seen %s%n",
                            cycle + 1, during, callers.values());
                    assertThat(during).as("outage " + (cycle + 1) + " was reported to callers")
                            .containsKey(Status.Code.UNAVAILABLE);
                    assertThat(CallerPool.OUTAGE_CODES).as("errors during outage " + (cycle + 1) + ": " + during)
                            .containsAll(CallerPool.errorCodes(during));
                    double before = cycle == 0 ? FIRST_LAG : LAG_AFTER_RESTART[cycle - 1];
                    assertThat(callers.values()).as("only real lags are served, never a stand-in for the outage")
                            .isSubsetOf(before, LAG_AFTER_RESTART[cycle]);
                    awaitPoll(keda, AUDIT, AUDIT_LAG);
                    callers.reset();
                }
                // Calls that failed just before the recovery may still be answering; start counting afresh.
                Thread.sleep(500);
                callers.reset();
                Thread.sleep(2_000);
                callers.stop();

                Map<Status.Code, Long> after = callers.outcomes();
                double last = LAG_AFTER_RESTART[LAG_AFTER_RESTART.length - 1];
                assertThat(after.keySet()).as("after recovery every call succeeds: " + after).containsOnly(Status.Code.OK);
                assertThat(callers.values()).containsOnly(last);
                assertThat(callers.inactiveAnswers()).as("IsActive answered false (a lag of 0) at some point").isZero();
                assertThat(keda.poll(AUDIT).value()).isEqualTo(AUDIT_LAG);
                long threadsAfter = JvmProbe.awaitThreadsAtMost(host.pid(), threadsBefore + 2, Duration.ofSeconds(75));
                int connectionsAfter = JvmProbe.establishedConnections(host.pid(), brokerPort);
                System.out.printf("KafkaFaultsUnderLoadIT: after recovery: calls by status %s; threads %d before, %d after;"
                        + " connections to the broker %d before, %d after; %d s%n", after, threadsBefore, threadsAfter,
                        connectionsBefore, connectionsAfter, Duration.ofNanos(System.nanoTime() - started).toSeconds());
                assertThat(threadsAfter).as("threads after the faults (before: " + threadsBefore + ")")
                        .isLessThanOrEqualTo(threadsBefore + 2);
                assertThat(connectionsAfter).as("the host's established connections to the broker (before the faults: "
                        + connectionsBefore + ")").isLessThanOrEqualTo(connectionsBefore);
            }
            host.stop();
        }
    }

    private static String config() {
        return ScalerhostProcess.serverSection() + """
                sources:
                  kafka:
                    type: kafka-lag
                    bootstrapServers: %s
                    refreshInterval: 500ms
                    timeout: 1s
                    maxStaleness: 2s
                serviceTypes:
                  %s:
                    source: kafka
                    topic: %s
                    consumerGroup: %s
                    target: 1000
                    activation: 0
                  %s:
                    source: kafka
                    topic: %s
                    consumerGroup: %s
                    target: 1000
                    activation: 0
                """.formatted(broker.bootstrapServers(), ORDERS, TOPIC, GROUP, AUDIT, TOPIC, AUDIT_GROUP);
    }

    private static int brokerPort() {
        String bootstrap = broker.bootstrapServers();
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    /** Polls as KEDA does until {@code serviceType} answers {@code value}, failing after 30 s. */
    private static void awaitPoll(KedaClient keda, String serviceType, double value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "nothing yet";
        while (System.nanoTime() < deadline) {
            try {
                double answered = keda.poll(serviceType, KedaClient.HPA_DEADLINE).value();
                if (answered == value) {
                    return;
                }
                last = "value " + answered;
            } catch (StatusRuntimeException e) {
                last = e.getStatus().toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(serviceType + " did not answer " + value + " within 30 s; last: " + last);
    }
}
