package dev.scalerhost.it.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.LakerunnerConfig.KafkaBinding;
import dev.scalerhost.testservers.KafkaBroker;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka half of the shipped {@code lakerunner.yaml}, with short timings, through a broker outage:
 * the last lag is served until {@code maxStaleness}, then {@code UNAVAILABLE} (never 0), and the same
 * host process recovers within two refresh intervals of the broker's return.
 */
class KafkaOutageIT {

    private static final Duration REFRESH = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    private static final Duration MAX_STALENESS = Duration.ofSeconds(8);
    private static final Duration POLL_EVERY = Duration.ofMillis(200);
    private static final int PARTITIONS = 2;
    /** How long a host may take for its first measurement on a busy machine. */
    private static final Duration FIRST_MEASUREMENT = Duration.ofSeconds(30);

    private static final Distribution distribution = Distribution.unpacked();
    private static final LakerunnerConfig config = LakerunnerConfig.shipped(distribution)
            .withoutWorkQueue()
            .withKafkaTiming(REFRESH, TIMEOUT, MAX_STALENESS);
    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.started();
        try (KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
            List<KafkaBinding> bindings = config.kafkaBindings();
            kafka.createTopics(bindings.stream().map(KafkaBinding::topic).toList(), PARTITIONS);
            for (KafkaBinding binding : bindings) {
                kafka.produce(binding.topic(), 5, 7);
                kafka.commit(binding.consumerGroup(), binding.topic(), 1, 2);
            }
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void servesTheLastLagUntilMaxStalenessThenUnavailableAndRecoversWithoutRestart() throws Exception {
        String serviceType = config.kafkaBindings().get(0).serviceType();
        String topic = config.kafkaBindings().get(0).topic();
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution)
                .name("kafka-outage")
                .config(config.text())
                .env("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers())
                .start();
                KedaClient keda = KedaClient.connect(host.grpcPort())) {
            long pid = host.pid();
            for (KafkaBinding binding : config.kafkaBindings()) {
                awaitValue(keda, binding.serviceType(), 9.0, FIRST_MEASUREMENT);
            }

            long stopping = System.nanoTime();
            broker.stop();
            long stopped = System.nanoTime();
            StatusRuntimeException failure = null;
            while (failure == null) {
                try {
                    KedaClient.Poll poll = keda.poll(serviceType);
                    assertThat(poll.value()).as("the last good lag, while Kafka is down").isEqualTo(9.0);
                    assertThat(poll.active()).isTrue();
                } catch (StatusRuntimeException e) {
                    failure = e;
                }
                assertThat(System.nanoTime() - stopped).as("time after the broker stopped, in ns")
                        .isLessThan(MAX_STALENESS.plus(TIMEOUT).plusSeconds(3).toNanos());
                Thread.sleep(POLL_EVERY.toMillis());
            }
            long failed = System.nanoTime();
            // The last good value is at most one refresh interval older than the moment the broker went away.
            assertThat(Duration.ofNanos(failed - stopping)).as("how long the last value was served")
                    .isGreaterThanOrEqualTo(MAX_STALENESS.minus(REFRESH).minusMillis(500));
            assertThat(failure.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            // The broker's address came from the environment: a substituted value, shown redacted (README: substitution).
            assertThat(failure.getStatus().getDescription()).contains("'kafka'", "Kafka cluster [redacted] unavailable: ")
                    .doesNotContain(broker.bootstrapServers(), "Timed out waiting");
            for (KafkaBinding binding : config.kafkaBindings()) {
                try {
                    keda.poll(binding.serviceType());
                    throw new AssertionError(binding.serviceType() + " answered while Kafka was down past maxStaleness");
                } catch (StatusRuntimeException e) {
                    assertThat(e.getStatus().getCode()).as(binding.serviceType()).isEqualTo(Status.Code.UNAVAILABLE);
                }
            }

            broker.start();
            Duration recovery = awaitValue(keda, serviceType, 9.0, REFRESH.multipliedBy(2));
            assertThat(recovery).as("time from the broker's return to a good value").isLessThanOrEqualTo(REFRESH.multipliedBy(2));

            try (KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
                kafka.produce(topic, 3, 0);
            }
            awaitValue(keda, serviceType, 12.0, REFRESH.multipliedBy(2));
            assertThat(host.isAlive()).isTrue();
            assertThat(host.pid()).isEqualTo(pid);
        }
    }

    /** Polls until {@code serviceType} answers {@code expected}; returns how long that took, failing after {@code within}. */
    private static Duration awaitValue(KedaClient keda, String serviceType, double expected, Duration within)
            throws InterruptedException {
        long start = System.nanoTime();
        String last = "nothing yet";
        while (System.nanoTime() - start <= within.plusSeconds(5).toNanos()) {
            try {
                double value = keda.poll(serviceType).value();
                if (value == expected) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                last = "value " + value;
            } catch (StatusRuntimeException e) {
                last = e.getStatus().toString();
            }
            Thread.sleep(100);
        }
        throw new AssertionError(serviceType + " did not answer " + expected + " within " + within.plusSeconds(5)
                + "; last: " + last);
    }
}
