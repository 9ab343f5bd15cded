package dev.scalerhost.plugin.kafka;

import static dev.scalerhost.plugin.kafka.KafkaFixture.prepare;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.KafkaBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A broker of its own, because these tests take it away. */
class KafkaOutageTest {

    private static KafkaBroker broker;
    private static KafkaFixture kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.started();
        kafka = new KafkaFixture(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void failsWithinTheDeadlineWhileTheBrokerIsDownAndMeasuresAgainAfterItReturns() throws Exception {
        kafka.topicWithRecords("outage", 10, 10);
        kafka.commit("outage-group", "outage", 0, 4, 1, 6);
        KafkaLagSource source = kafka.open();
        Metric metric = prepare(source, "consumerGroup", "outage-group", "topic", "outage", "target", 1000);
        assertThat(measureValue(source, metric)).isEqualTo(10);

        broker.stop();
        long started = System.nanoTime();
        assertThatThrownBy(() -> source.measure(List.of(metric), Deadline.after(Duration.ofSeconds(2))))
                .isInstanceOf(KafkaUnavailableException.class)
                .hasMessageStartingWith("Kafka cluster " + broker.bootstrapServers() + " unavailable: ");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).isLessThan(2_500);
        assertThat(kafka.counter("refresh_failures_total")).isEqualTo(1);
        assertThat(kafka.counter("errors_total")).isPositive();

        broker.start();
        long restarted = System.nanoTime();
        double value = Double.NaN;
        while (Double.isNaN(value) && System.nanoTime() - restarted < Duration.ofSeconds(60).toNanos()) {
            try {
                value = measureValue(source, metric);
            } catch (KafkaUnavailableException stillDown) {
                Thread.sleep(200);
            }
        }
        System.out.printf("outage: failed after %d ms; measured again %d ms after the broker was ready%n",
                millis, (System.nanoTime() - restarted) / 1_000_000);
        assertThat(value).isEqualTo(10);
    }

    private static double measureValue(KafkaLagSource source, Metric metric) throws Exception {
        Map<Metric, Reading> readings = source.measure(List.of(metric), Deadline.after(Duration.ofSeconds(5)));
        return ((Reading.Value) readings.get(metric)).value();
    }
}
