package dev.scalerhost.plugin.kafka;

import static dev.scalerhost.plugin.kafka.KafkaFixture.measure;
import static dev.scalerhost.plugin.kafka.KafkaFixture.prepare;
import static dev.scalerhost.plugin.kafka.KafkaFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.KafkaRequestCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Where KEDA's kafka scaler gives an answer ours must give too (pkg/scalers/kafka_scaler.go,
 * getLagForPartition and getTotalLag), against a real broker; every test uses its own topics and groups.
 */
class KafkaKedaParityTest {

    private static KafkaBroker broker;
    private static KafkaFixture kafka;
    private static KafkaLagSource source;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.started();
        kafka = new KafkaFixture(broker.bootstrapServers());
        source = kafka.open();
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

    private static String name(TestInfo test, String suffix) {
        return test.getTestMethod().orElseThrow().getName() + "." + suffix;
    }

    @Test
    void countsOnePerPartitionForABrandNewGroupUnderLatest(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10, 20, 30);

        Reading.Value reading = value(source, prepare(source, "consumerGroup", name(test, "new"), "topic", topic,
                "target", 1000));

        assertThat(reading.value()).isEqualTo(3);
        assertThat(reading.activationValue()).isEqualTo(3);
        assertThat(reading.details()).containsEntry("uncommittedPartitions", 3.0);
    }

    @Test
    void countsEveryRecordForABrandNewGroupUnderEarliest(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10, 20, 30);

        Reading.Value reading = value(source, prepare(source, "consumerGroup", name(test, "new"), "topic", topic,
                "target", 1000, "offsetResetPolicy", "earliest"));

        assertThat(reading.value()).isEqualTo(60);
    }

    @Test
    void countsZeroForABrandNewGroupWithScaleToZeroOnInvalidOffset(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10, 20, 30);

        Reading.Value latest = value(source, prepare(source, "consumerGroup", name(test, "new"), "topic", topic,
                "target", 1000, "scaleToZeroOnInvalidOffset", true));
        Reading.Value earliest = value(source, prepare(source, "consumerGroup", name(test, "new"), "topic", topic,
                "target", 1000, "scaleToZeroOnInvalidOffset", true, "offsetResetPolicy", "earliest"));

        assertThat(latest.value()).isZero();
        assertThat(latest.activationValue()).isZero();
        assertThat(earliest.value()).isZero();
    }

    @Test
    void failsSayingWhyWhenTopicIsOmittedAndTheGroupNeverCommitted(TestInfo test) throws Exception {
        Metric metric = prepare(source, "consumerGroup", name(test, "new"));

        Reading reading = measure(source, List.of(metric)).get(metric);

        assertThat(reading).isInstanceOfSatisfying(Reading.Failure.class, failure -> assertThat(failure.message())
                .startsWith("consumer group " + name(test, "new") + " has no committed offsets")
                .contains("topic omitted").contains("set topic"));
    }

    @Test
    void keepsCountingTheLagOfAConsumerThatCommitsEveryTenSecondsWithTheDefaultWindow(TestInfo test) throws Exception {
        String topic = name(test, "t");
        String group = name(test, "g");
        kafka.topicWithRecords(topic, 100);
        MutableClock clock = new MutableClock();
        KafkaLagSource timed = kafka.open(Map.of(), clock);
        Metric metric = prepare(timed, "consumerGroup", group, "topic", topic, "target", 1000,
                "excludePersistentLag", true);

        // The host refreshes every 5 s; the consumer commits every 10 s, 10 records further each time.
        List<Double> values = new ArrayList<>();
        for (int second = 0; second <= 40; second += 5) {
            if (second % 10 == 0) {
                kafka.commit(group, topic, 0, second);
            }
            values.add(value(timed, metric).value());
            clock.advance(Duration.ofSeconds(5));
        }
        // The consumer stops at offset 40: after 30 s without a commit its lag is persistent.
        List<Double> stopped = new ArrayList<>();
        for (int second = 45; second <= 75; second += 5) {
            Reading.Value reading = value(timed, metric);
            stopped.add(reading.value());
            assertThat(reading.activationValue()).isEqualTo(60);
            clock.advance(Duration.ofSeconds(5));
        }

        assertThat(values).containsExactly(100.0, 100.0, 90.0, 90.0, 80.0, 80.0, 70.0, 70.0, 60.0);
        // Offset 40 was first seen at 40 s: persistent from 70 s on.
        assertThat(stopped).containsExactly(60.0, 60.0, 60.0, 60.0, 60.0, 0.0, 0.0);
    }

    @Test
    void judgesPersistentLagOverTheConfiguredWindow(TestInfo test) throws Exception {
        String topic = name(test, "t");
        String group = name(test, "g");
        kafka.topicWithRecords(topic, 100);
        kafka.commit(group, topic, 0, 30);
        MutableClock clock = new MutableClock();
        KafkaLagSource timed = kafka.open(Map.of(), clock);
        Metric metric = prepare(timed, "consumerGroup", group, "topic", topic, "target", 1000,
                "excludePersistentLag", true, "persistentLagWindow", "2m");

        List<Double> values = new ArrayList<>();
        for (int second = 0; second <= 150; second += 30) {
            values.add(value(timed, metric).value());
            clock.advance(Duration.ofSeconds(30));
        }

        assertThat(values).containsExactly(70.0, 70.0, 70.0, 70.0, 0.0, 0.0);
    }

    @Test
    void roundsReplicasUpToADivisorOfThePartitionsWithEnsureEvenDistribution(TestInfo test) throws Exception {
        String six = name(test, "six");
        String three = name(test, "three");
        kafka.topicWithRecords(six, 10, 10, 10, 10, 10, 10);
        kafka.topicWithRecords(three, 10, 10, 10);
        Map<Integer, Metric> onSix = new TreeMap<>();
        Map<Integer, Metric> onThree = new TreeMap<>();
        List<Metric> plain = new ArrayList<>();
        for (int lag : new int[] {0, 5, 15, 25, 35, 60}) {
            String group = name(test, "six-" + lag);
            commitLeaving(group, six, 6, lag);
            onSix.put(lag, prepare(source, "consumerGroup", group, "topic", six, "target", 10,
                    "ensureEvenDistributionOfPartitions", true));
            plain.add(prepare(source, "consumerGroup", group, "topic", six, "target", 10));
        }
        for (int lag : new int[] {5, 15, 25}) {
            String group = name(test, "three-" + lag);
            commitLeaving(group, three, 3, lag);
            onThree.put(lag, prepare(source, "consumerGroup", group, "topic", three, "target", 10,
                    "ensureEvenDistributionOfPartitions", true));
        }
        List<Metric> all = new ArrayList<>(onSix.values());
        all.addAll(onThree.values());
        all.addAll(plain);

        Map<Metric, Reading> readings = measure(source, all);

        // Six partitions: 1, 2, 3 or 6 replicas (never 4 or 5); three: 1 or 3 (never 2). Target 10 per replica.
        assertThat(onSix.keySet().stream().map(lag -> ((Reading.Value) readings.get(onSix.get(lag))).value()).toList())
                .containsExactly(0.0, 10.0, 20.0, 30.0, 60.0, 60.0);
        assertThat(onThree.keySet().stream().map(lag -> ((Reading.Value) readings.get(onThree.get(lag))).value()).toList())
                .containsExactly(10.0, 30.0, 30.0);
        assertThat(plain.stream().map(m -> ((Reading.Value) readings.get(m)).value()).toList())
                .containsExactly(0.0, 5.0, 15.0, 25.0, 35.0, 60.0);
    }

    /** Commits {@code group} on all {@code partitions} of {@code topic} (10 records each) so that its total lag is {@code lag}. */
    private static void commitLeaving(String group, String topic, int partitions, int lag) {
        long[] pairs = new long[partitions * 2];
        int left = lag;
        for (int partition = 0; partition < partitions; partition++) {
            int partitionLag = Math.min(10, left);
            left -= partitionLag;
            pairs[2 * partition] = partition;
            pairs[2 * partition + 1] = 10 - partitionLag;
        }
        kafka.commit(group, topic, pairs);
    }

    @Test
    void sendsAtMostThreeRequestsPerRefreshBesideAMissingTopicAndAMissingGroup(TestInfo test) throws Exception {
        MutableClock clock = new MutableClock();
        // The one batched describe of all groups' members runs on its own, slower cadence
        // (membersRefreshInterval, default 15 s) whatever is misconfigured; it is kept out of these
        // refreshes so that they count what a refresh itself costs.
        KafkaLagSource timed = kafka.open(Map.of("metadataRefreshInterval", "1m", "membersRefreshInterval", "1h"), clock);
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String topic = name(test, "t" + i);
            kafka.topicWithRecords(topic, 5, 5);
            kafka.commit(name(test, "g" + i), topic, 0, 1, 1, 1);
            metrics.add(prepare(timed, "consumerGroup", name(test, "g" + i), "topic", topic, "target", 1000));
        }
        String missingTopic = name(test, "missing");
        Metric noTopic = prepare(timed, "consumerGroup", name(test, "g0"), "topic", missingTopic, "target", 1000,
                "offsetResetPolicy", "earliest");
        Metric noGroup = prepare(timed, "consumerGroup", name(test, "never"), "topic", name(test, "t0"), "target", 1000);
        metrics.add(noTopic);
        metrics.add(noGroup);
        measure(timed, metrics);

        try (KafkaRequestCounter counter = KafkaRequestCounter.attach(broker)) {
            List<Map<String, Long>> refreshes = new ArrayList<>();
            Map<Metric, Reading> last = Map.of();
            for (int refresh = 0; refresh < 3; refresh++) {
                clock.advance(Duration.ofSeconds(5));
                Map<String, Long> before = counter.counts();
                last = measure(timed, metrics);
                refreshes.add(KafkaRequestCounter.delta(before, counter.counts()));
            }

            System.out.println("requests per refresh with a missing topic and a missing group: " + refreshes);
            assertThat(refreshes).allSatisfy(requests -> assertThat(requests.values().stream()
                    .mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(3));
            assertThat(refreshes).allSatisfy(requests -> assertThat(requests.keySet())
                    .containsOnly("FindCoordinator", "OffsetFetch", "ListOffsets"));
            assertThat(last.get(noTopic)).isInstanceOfSatisfying(Reading.Failure.class, f -> assertThat(f.message())
                    .isEqualTo("topic " + missingTopic + " (group " + name(test, "g0") + "): the topic does not exist"));
            assertThat(((Reading.Value) last.get(noGroup)).value()).isEqualTo(2);
            for (int i = 0; i < 3; i++) {
                assertThat(((Reading.Value) last.get(metrics.get(i))).value()).isEqualTo(8);
            }

            // The missing topic is looked up again once metadataRefreshInterval has passed.
            kafka.topicWithRecords(missingTopic, 7);
            clock.advance(Duration.ofSeconds(30));
            assertThat(measure(timed, List.of(noTopic)).get(noTopic)).isInstanceOf(Reading.Failure.class);
            clock.advance(Duration.ofSeconds(30));
            assertThat(value(timed, noTopic).value()).isEqualTo(7);
        }
    }

    @Test
    void countsPartitionsAddedToATopic(TestInfo test) throws Exception {
        String idleTopic = name(test, "idle");
        String busyTopic = name(test, "busy");
        String group = name(test, "g");
        kafka.topicWithRecords(idleTopic, 10);
        kafka.topicWithRecords(busyTopic, 10);
        kafka.commit(group, idleTopic, 0, 10);
        kafka.commit(group, busyTopic, 0, 10);
        MutableClock clock = new MutableClock();
        // The one batched describe of all groups' members runs on its own, slower cadence
        // (membersRefreshInterval, default 15 s) whatever is misconfigured; it is kept out of these
        // refreshes so that they count what a refresh itself costs.
        KafkaLagSource timed = kafka.open(Map.of("metadataRefreshInterval", "1m", "membersRefreshInterval", "1h"), clock);
        Metric idle = prepare(timed, "consumerGroup", group, "topic", idleTopic, "target", 1000,
                "offsetResetPolicy", "earliest");
        Metric busy = prepare(timed, "consumerGroup", group, "topic", busyTopic, "target", 1000,
                "offsetResetPolicy", "earliest");
        assertThat(measure(timed, List.of(idle, busy)).values())
                .allSatisfy(r -> assertThat(((Reading.Value) r).value()).isZero());

        for (String topic : List.of(idleTopic, busyTopic)) {
            kafka.growTopic(topic, 3);
            kafka.produce(topic, 1, 20);
            kafka.produce(topic, 2, 30);
        }
        // A commit on a new partition shows the topic grew: counted at the next refresh.
        kafka.commit(group, busyTopic, 1, 5);
        clock.advance(Duration.ofSeconds(5));
        Map<Metric, Reading> next = measure(timed, List.of(idle, busy));
        // Without one, the new partitions are counted once metadataRefreshInterval has passed.
        clock.advance(Duration.ofSeconds(55));
        Reading.Value later = value(timed, idle);

        assertThat(((Reading.Value) next.get(busy)).value()).isEqualTo(15 + 30);
        assertThat(((Reading.Value) next.get(busy)).details()).containsEntry("partitions", 3.0);
        assertThat(((Reading.Value) next.get(idle)).details()).containsEntry("partitions", 1.0);
        assertThat(later.value()).isEqualTo(20 + 30);
        assertThat(later.details()).containsEntry("partitions", 3.0);
    }
}
