package dev.scalerhost.plugin.kafka;

import static dev.scalerhost.plugin.kafka.KafkaFixture.measure;
import static dev.scalerhost.plugin.kafka.KafkaFixture.prepare;
import static dev.scalerhost.plugin.kafka.KafkaFixture.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Lag against a real broker; every test uses its own topics and groups. */
class KafkaLagSourceTest {

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
    void measuresExactLagOfSeveralGroupsInOneCall(TestInfo test) throws Exception {
        String orders = name(test, "orders");
        String audit = name(test, "audit");
        kafka.topicWithRecords(orders, 10, 20, 30);
        kafka.topicWithRecords(audit, 7);
        kafka.commit(name(test, "a"), orders, 0, 5, 1, 5, 2, 5);
        kafka.commit(name(test, "b"), orders, 0, 10, 1, 20, 2, 0);
        kafka.commit(name(test, "c"), audit, 0, 2);
        Metric a = prepare(source, "consumerGroup", name(test, "a"), "topic", orders, "target", 1000);
        Metric b = prepare(source, "consumerGroup", name(test, "b"), "topic", orders, "target", 1000);
        Metric c = prepare(source, "consumerGroup", name(test, "c"), "topic", audit, "target", 1000);

        Map<Metric, Reading> readings = measure(source, List.of(a, b, c));

        assertThat(((Reading.Value) readings.get(a)).value()).isEqualTo(45);
        assertThat(((Reading.Value) readings.get(b)).value()).isEqualTo(30);
        assertThat(((Reading.Value) readings.get(c)).value()).isEqualTo(5);
        assertThat(((Reading.Value) readings.get(a)).details()).containsEntry("partitions", 3.0)
                .containsEntry("partitionsWithLag", 3.0);
    }

    @Test
    void countsOneForEachUncommittedPartitionUnderLatest(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10, 10, 10);
        kafka.commit(name(test, "g"), topic, 0, 4);

        Reading.Value reading = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 1000));

        assertThat(reading.value()).isEqualTo(6 + 1 + 1);
        assertThat(reading.details()).containsEntry("uncommittedPartitions", 2.0);
    }

    @Test
    void countsTheWholeLogOfUncommittedPartitionsUnderEarliest(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10, 10, 10);
        kafka.commit(name(test, "g"), topic, 0, 4);

        Reading.Value reading = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 1000, "offsetResetPolicy", "earliest"));

        assertThat(reading.value()).isEqualTo(6 + 10 + 10);
    }

    @Test
    void countsFromTheLogStartWhenRetentionDeletedTheBeginningUnderEarliest(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10, 10);
        kafka.commit(name(test, "g"), topic, 0, 10);
        kafka.deleteRecordsBefore(topic, 1, 7);

        Reading.Value reading = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 1000, "offsetResetPolicy", "earliest"));

        assertThat(reading.value()).isEqualTo(3);
    }

    @Test
    void countsUncommittedPartitionsAsZeroWithScaleToZeroOnInvalidOffset(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10, 10);
        kafka.commit(name(test, "g"), topic, 0, 4);

        Reading.Value latest = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 1000, "scaleToZeroOnInvalidOffset", true));
        Reading.Value earliest = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 1000, "scaleToZeroOnInvalidOffset", true, "offsetResetPolicy", "earliest"));

        assertThat(latest.value()).isEqualTo(6);
        assertThat(earliest.value()).isEqualTo(6);
    }

    @Test
    void capsTheValueAtPartitionsTimesTargetUnlessIdleConsumersAreAllowed(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 100, 100);
        kafka.commit(name(test, "g"), topic, 0, 0, 1, 0);

        Reading.Value capped = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 10));
        Reading.Value uncapped = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 10, "allowIdleConsumers", true));

        assertThat(capped.value()).isEqualTo(2 * 10);
        assertThat(capped.activationValue()).isEqualTo(200);
        assertThat(capped.details()).containsEntry("lag", 200.0);
        assertThat(uncapped.value()).isEqualTo(200);
    }

    @Test
    void capsAtPartitionsWithLagTimesTargetWithLimitToPartitionsWithLag(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 100, 0, 0, 0);
        kafka.commit(name(test, "g"), topic, 0, 0, 1, 0, 2, 0, 3, 0);

        Reading.Value all = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 10));
        Reading.Value withLag = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 10, "limitToPartitionsWithLag", true));

        assertThat(all.value()).isEqualTo(4 * 10);
        assertThat(withLag.value()).isEqualTo(1 * 10);
    }

    @Test
    void excludesPersistentLagFromTheValueButNotFromActivation(TestInfo test) throws Exception {
        String topic = name(test, "t");
        String group = name(test, "g");
        kafka.topicWithRecords(topic, 10, 10);
        kafka.commit(group, topic, 0, 3, 1, 10);
        MutableClock clock = new MutableClock();
        KafkaLagSource timed = kafka.open(Map.of(), clock);
        Metric metric = prepare(timed, "consumerGroup", group, "topic", topic, "target", 1000,
                "excludePersistentLag", true);

        Reading.Value first = value(timed, metric);
        clock.advance(LagSpec.DEFAULT_PERSISTENT_LAG_WINDOW);
        Reading.Value stuck = value(timed, metric);
        kafka.commit(group, topic, 0, 5);
        clock.advance(LagSpec.DEFAULT_PERSISTENT_LAG_WINDOW);
        Reading.Value moving = value(timed, metric);

        assertThat(first.value()).isEqualTo(7);
        assertThat(stuck.value()).isZero();
        assertThat(stuck.activationValue()).isEqualTo(7);
        assertThat(moving.value()).isEqualTo(5);
        assertThat(moving.activationValue()).isEqualTo(5);
    }

    @Test
    void countsOnlyTheListedPartitionsWithPartitionLimitation(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10, 20, 30, 40);
        kafka.commit(name(test, "g"), topic, 0, 0, 1, 0, 2, 0, 3, 0);

        Reading.Value reading = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 1000, "partitionLimitation", "0,2-3"));

        assertThat(reading.value()).isEqualTo(10 + 30 + 40);
        assertThat(reading.details()).containsEntry("partitions", 3.0);
    }

    @Test
    void measuresEveryTopicTheGroupCommittedOnWhenTopicIsOmitted(TestInfo test) throws Exception {
        String first = name(test, "first");
        String second = name(test, "second");
        String untouched = name(test, "untouched");
        kafka.topicWithRecords(first, 10);
        kafka.topicWithRecords(second, 5, 5);
        kafka.topicWithRecords(untouched, 1000);
        kafka.commit(name(test, "g"), first, 0, 2);
        kafka.commit(name(test, "g"), second, 0, 1);

        Reading.Value reading = value(source, prepare(source, "consumerGroup", name(test, "g"), "target", 1000));

        // second's partition 1 has no commit: 1 under latest; the untouched topic is not the group's.
        assertThat(reading.value()).isEqualTo(8 + 4 + 1);
        assertThat(reading.details()).containsEntry("partitions", 3.0);
    }

    @Test
    void countsACommittedOffsetPastTheLogEndAsZero(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 5, 5);
        kafka.commit(name(test, "g"), topic, 0, 8, 1, 2);

        Reading.Value reading = value(source, prepare(source, "consumerGroup", name(test, "g"), "topic", topic,
                "target", 1000));

        assertThat(reading.value()).isEqualTo(3);
    }

    @Test
    void failsOnlyTheBindingsOfAMissingTopic(TestInfo test) throws Exception {
        String topic = name(test, "t");
        kafka.topicWithRecords(topic, 10);
        kafka.commit(name(test, "g"), topic, 0, 4);
        Metric good = prepare(source, "consumerGroup", name(test, "g"), "topic", topic, "target", 1000);
        Metric missingTopic = prepare(source, "consumerGroup", name(test, "g"), "topic", name(test, "missing"));
        Metric unknownGroup = prepare(source, "consumerGroup", name(test, "unknown"), "topic", topic, "target", 1000);

        Map<Metric, Reading> readings = measure(source, List.of(good, missingTopic, unknownGroup));

        assertThat(readings.get(good)).isInstanceOf(Reading.Value.class);
        assertThat(((Reading.Value) readings.get(good)).value()).isEqualTo(6);
        assertThat(readings.get(missingTopic)).isInstanceOfSatisfying(Reading.Failure.class, f -> assertThat(f.message())
                .isEqualTo("topic " + name(test, "missing") + " (group " + name(test, "g") + "): the topic does not exist"));
        assertThat(((Reading.Value) readings.get(unknownGroup)).value()).isEqualTo(1);
    }

    @Test
    void sendsAsManyRequestsForElevenBindingsAsForOne(TestInfo test) throws Exception {
        List<Metric> metrics = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            String topic = name(test, "t" + i);
            kafka.topicWithRecords(topic, 3, 3, 3);
            kafka.commit(name(test, "g" + i), topic, 0, 1, 1, 1, 2, 1);
            metrics.add(prepare(source, "consumerGroup", name(test, "g" + i), "topic", topic, "target", 1000,
                    "offsetResetPolicy", i % 2 == 0 ? "latest" : "earliest"));
        }
        measure(source, metrics);

        long before = kafka.counter("requests_total");
        measure(source, metrics.subList(0, 1));
        long forOne = kafka.counter("requests_total") - before;
        long started = System.nanoTime();
        Map<Metric, Reading> all = measure(source, metrics);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long forEleven = kafka.counter("requests_total") - before - forOne;

        assertThat(all.values()).allSatisfy(r -> assertThat(((Reading.Value) r).value()).isEqualTo(6));
        assertThat(forOne).isEqualTo(2);
        assertThat(forEleven).isEqualTo(2);
        System.out.printf("11 bindings: %d requests, %d ms%n", forEleven, millis);
    }

    @Test
    void measuresTheElevenLakerunnerServiceTypesWithTwoRequestsPerRefresh() throws Exception {
        HostMetrics metrics = new HostMetrics();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        LoadedConfig lakerunner = LoadedConfig.load(LoadedConfig.LAKERUNNER, Map.of("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers()),
                metrics, scheduler);
        try {
            assertThat(lakerunner.problems()).isEmpty();
            for (String serviceType : lakerunner.metrics().keySet()) {
                var binding = lakerunner.config().serviceTypes().get(serviceType).params();
                String topic = binding.string("topic");
                kafka.topicWithRecords(topic, 4, 4, 4, 4);
                kafka.commit(binding.string("consumerGroup"), topic, 0, 1, 1, 2, 2, 3, 3, 4);
            }
            List<Metric> all = List.copyOf(lakerunner.metrics().values());
            Map<Metric, Reading> first = lakerunner.source().measure(all, Deadline.after(Duration.ofSeconds(3)));
            long before = KafkaFixture.counter(metrics, "requests_total");
            long started = System.nanoTime();
            Map<Metric, Reading> second = lakerunner.source().measure(all, Deadline.after(Duration.ofSeconds(3)));
            long millis = (System.nanoTime() - started) / 1_000_000;

            assertThat(first.values()).allSatisfy(r -> assertThat(((Reading.Value) r).value()).isEqualTo(3 + 2 + 1));
            assertThat(values(second)).isEqualTo(values(first));
            assertThat(KafkaFixture.counter(metrics, "requests_total") - before).isEqualTo(2);
            System.out.printf("lakerunner, 11 serviceTypes x 4 partitions: 2 requests, %d ms%n", millis);
        } finally {
            lakerunner.source().close();
            scheduler.shutdownNow();
        }
    }

    /** The values alone: details such as lag in seconds move with the clock. */
    private static Map<Metric, Double> values(Map<Metric, Reading> readings) {
        Map<Metric, Double> values = new java.util.HashMap<>();
        readings.forEach((metric, reading) -> values.put(metric, ((Reading.Value) reading).value()));
        return values;
    }
}
