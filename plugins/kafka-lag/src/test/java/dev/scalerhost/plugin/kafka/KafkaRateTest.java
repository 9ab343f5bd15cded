package dev.scalerhost.plugin.kafka;

import static dev.scalerhost.plugin.kafka.KafkaFixture.prepare;
import static dev.scalerhost.plugin.kafka.KafkaFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.KafkaBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Lag in seconds, rates and the replicas figure against a real broker, compared with what was produced and committed. */
class KafkaRateTest {

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

    private static String name(TestInfo test, String suffix) {
        return test.getTestMethod().orElseThrow().getName() + "." + suffix;
    }

    /** What was produced by when: the number of records in each partition at each moment. */
    private record Produced(long millis, long[] counts) {
    }

    @Test
    void estimatesLagInSecondsAndRatesOfAConsumerTwentySecondsBehind(TestInfo test) throws Exception {
        String topic = name(test, "t");
        String group = name(test, "g");
        int partitions = 2;
        kafka.createTopic(topic, partitions);
        KafkaLagSource source = kafka.open(Map.of("membersRefreshInterval", "2s"));
        Metric metric = prepare(source, "consumerGroup", group, "topic", topic, "metric", "lagSeconds",
                "rateWindow", "20s");
        List<Produced> produced = new CopyOnWriteArrayList<>();
        List<Produced> committed = new CopyOnWriteArrayList<>();
        long lagMillis = 20_000;
        long started = System.currentTimeMillis();
        long[] counts = new long[partitions];
        Reading.Value last = null;
        try (KafkaProducer<byte[], byte[]> producer = producer();
             KafkaConsumer<byte[], byte[]> committer = committer(group)) {
            // 50 records per second for 65 s; the group commits what had been produced 20 s earlier.
            long nextMeasure = started + 1_000;
            for (int tick = 1; System.currentTimeMillis() - started < 65_000; tick++) {
                for (int i = 0; i < 5; i++) {
                    int partition = (tick * 5 + i) % partitions;
                    producer.send(new ProducerRecord<>(topic, partition, null, new byte[] {1}));
                    counts[partition]++;
                }
                producer.flush();
                long now = System.currentTimeMillis();
                produced.add(new Produced(now, counts.clone()));
                Produced behind = at(produced, now - lagMillis);
                if (behind != null) {
                    commit(committer, topic, behind.counts());
                    committed.add(new Produced(now, behind.counts()));
                }
                if (behind != null && now >= nextMeasure) {
                    last = value(source, metric);
                    nextMeasure = now + 1_000;
                }
                long sleep = started + tick * 100L - System.currentTimeMillis();
                if (sleep > 0) {
                    Thread.sleep(sleep);
                }
            }
            last = value(source, metric);
        }
        long now = System.currentTimeMillis();
        Produced lastCommit = committed.get(committed.size() - 1);
        double trueLagSeconds = 0;
        for (int p = 0; p < partitions; p++) {
            trueLagSeconds = Math.max(trueLagSeconds, (now - producedAt(produced, p, lastCommit.counts()[p])) / 1000.0);
        }
        double trueArrival = rate(produced, now - 20_000);
        double trueConsume = rate(committed, now - 20_000);

        System.out.printf("lagSeconds %.2f (truth %.2f), arrival %.2f/s (truth %.2f), consume %.2f/s (truth %.2f)%n",
                last.value(), trueLagSeconds, last.details().get("arrivalRate"), trueArrival,
                last.details().get("consumeRate"), trueConsume);
        assertThat(last.value()).as("lag in seconds; truth %.1f s", trueLagSeconds)
                .isCloseTo(trueLagSeconds, within(0.2 * trueLagSeconds));
        assertThat(last.details().get("lagSeconds")).isEqualTo(last.value());
        assertThat(last.details().get("arrivalRate")).as("arrival; truth %.1f/s", trueArrival)
                .isCloseTo(trueArrival, within(0.1 * trueArrival));
        assertThat(last.details().get("consumeRate")).as("consume; truth %.1f/s", trueConsume)
                .isCloseTo(trueConsume, within(0.1 * trueConsume));
        assertThat(last.details()).containsEntry("members", 0.0).doesNotContainKey("replicas");
    }

    @Test
    void asksForReplicasFromAKnownCapacityAndBacklogCappedAtPartitions(TestInfo test) throws Exception {
        String topic = name(test, "t");
        String group = name(test, "g");
        kafka.topicWithRecords(topic, 1500, 1500, 1500, 1500);
        kafka.commit(group, topic, 0, 0, 1, 0, 2, 0, 3, 0);
        KafkaLagSource source = kafka.open(Map.of("membersRefreshInterval", "2s"));
        Metric capped = prepare(source, "consumerGroup", group, "topic", topic, "metric", "replicas", "target", 1,
                "drainWithin", "60s", "ratePerReplica", 10);
        Metric idle = prepare(source, "consumerGroup", group, "topic", topic, "metric", "replicas", "target", 1,
                "drainWithin", "60s", "ratePerReplica", 10, "allowIdleConsumers", true);
        Metric slower = prepare(source, "consumerGroup", group, "topic", topic, "metric", "replicas", "target", 1,
                "drainWithin", "10m", "ratePerReplica", 4);
        Metric lag = prepare(source, "consumerGroup", group, "topic", topic, "drainWithin", "10m", "ratePerReplica", 4);

        Map<Metric, Reading> readings = KafkaFixture.measure(source, List.of(capped, idle, slower, lag));

        // 6000 records in 60 s at 10 per consumer: 10 consumers, but only 4 partitions to consume.
        assertThat(((Reading.Value) readings.get(capped)).value()).isEqualTo(4);
        assertThat(((Reading.Value) readings.get(idle)).value()).isEqualTo(10);
        // 6000 records in 600 s at 4 per consumer: 2.5, so 3.
        assertThat(((Reading.Value) readings.get(slower)).value()).isEqualTo(3);
        Reading.Value lagValue = (Reading.Value) readings.get(lag);
        assertThat(lagValue.value()).isEqualTo(40);
        assertThat(lagValue.details()).containsEntry("replicas", 3.0).containsEntry("capacityPerConsumer", 4.0)
                .containsEntry("members", 0.0).containsKey("lagSeconds");
    }

    @Test
    void learnsCapacityAndDoesNotAskForMoreAfterARestartWithALargeBacklog(TestInfo test) throws Exception {
        String topic = name(test, "t");
        String group = name(test, "g");
        int partitions = 8;
        kafka.createTopic(topic, partitions);
        for (int p = 0; p < partitions; p++) {
            kafka.produce(topic, p, 100);
        }
        KafkaLagSource source = kafka.open(Map.of("membersRefreshInterval", "1s"));
        // ratePerReplica is far too low on purpose: the learned capacity must replace it.
        Metric metric = prepare(source, "consumerGroup", group, "topic", topic, "metric", "replicas", "target", 1,
                "drainWithin", "60s", "ratePerReplica", 2, "rateWindow", "8s");
        List<Reading.Value> readings = new ArrayList<>();
        List<FixedRateConsumer> consumers = new ArrayList<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        Thread producer = steadyProducer(topic, partitions, 20, producing);
        try {
            for (int i = 0; i < 2; i++) {
                consumers.add(new FixedRateConsumer(kafka.bootstrapServers, group, topic, 25));
            }
            Reading.Value learned = null;
            long deadline = System.currentTimeMillis() + 45_000;
            while (learned == null && System.currentTimeMillis() < deadline) {
                Reading.Value reading = value(source, metric);
                readings.add(reading);
                if (reading.details().getOrDefault("capacityPerConsumer", 2.0) > 5
                        && reading.details().getOrDefault("members", 0.0) == 2) {
                    learned = reading;
                }
                Thread.sleep(500);
            }
            assertThat(learned).as("capacity learned within 45 s; readings %s", readings).isNotNull();
            assertThat(learned.details().get("capacityPerConsumer")).isCloseTo(25, within(25 * 0.15));

            // Restart: both consumers go for 20 s while records keep arriving, then both come back.
            for (FixedRateConsumer consumer : consumers) {
                consumer.close();
            }
            consumers.clear();
            List<Reading.Value> restart = new ArrayList<>();
            long back = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < back) {
                restart.add(value(source, metric));
                Thread.sleep(500);
            }
            for (int i = 0; i < 2; i++) {
                consumers.add(new FixedRateConsumer(kafka.bootstrapServers, group, topic, 25));
            }
            long until = System.currentTimeMillis() + 15_000;
            while (System.currentTimeMillis() < until) {
                restart.add(value(source, metric));
                Thread.sleep(500);
            }
            // Arrivals 20/s plus the backlog over 60 s stay below 2 consumers at 25/s: no more are needed,
            // though the backlog is several times what a lag trigger with target 25 × 5 s would allow per replica.
            double highestLag = restart.stream().mapToDouble(r -> r.details().get("lag")).max().orElseThrow();
            assertThat(highestLag).isGreaterThan(400);
            assertThat(restart).allSatisfy(r -> assertThat(r.value()).as("replicas after the restart: %s", r)
                    .isLessThanOrEqualTo(2));
            // While no consumer ran, the figure held the 2 the group had (not fewer for a young backlog).
            assertThat(restart).anySatisfy(r -> assertThat(r.details()).containsEntry("restartHold", 2.0));
            assertThat(restart).filteredOn(r -> r.details().getOrDefault("members", -1.0) == 0)
                    .isNotEmpty().allSatisfy(r -> assertThat(r.value()).as("while none ran: %s", r).isEqualTo(2));
        } finally {
            producing.set(false);
            producer.join(10_000);
            for (FixedRateConsumer consumer : consumers) {
                consumer.close();
            }
        }
    }

    private static Thread steadyProducer(String topic, int partitions, int perSecond, AtomicBoolean producing) {
        Thread thread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = producer()) {
                long started = System.currentTimeMillis();
                for (long sent = 0; producing.get(); sent++) {
                    producer.send(new ProducerRecord<>(topic, (int) (sent % partitions), null, new byte[] {1}));
                    long wait = started + (sent + 1) * 1000 / perSecond - System.currentTimeMillis();
                    if (wait > 0) {
                        Thread.sleep(wait);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "steady-producer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    void estimatesLagInSecondsOfABacklogOlderThanTheSourceFromBrokerTimestamps(TestInfo test) throws Exception {
        String topic = name(test, "t");
        String group = name(test, "g");
        kafka.createTopic(topic, 1);
        long firstBatch = System.currentTimeMillis();
        kafka.produce(topic, 0, 100);
        Thread.sleep(15_000);
        kafka.produce(topic, 0, 100);
        kafka.commit(group, topic, 0, 50);
        KafkaLagSource source = kafka.open();
        Metric metric = prepare(source, "consumerGroup", group, "topic", topic, "metric", "lagSeconds");

        List<Reading.Value> readings = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            readings.add(value(source, metric));
            Thread.sleep(200);
        }

        double truth = (System.currentTimeMillis() - firstBatch) / 1000.0;
        System.out.printf("backlog older than the source: first reading %.2f s, fifth %.2f s (truth %.2f s)%n",
                readings.get(0).value(), readings.get(4).value(), truth);
        assertThat(readings.get(0).value()).as("first reading %s", readings.get(0)).isCloseTo(truth, within(0.2 * truth));
        assertThat(readings.get(4).value()).isCloseTo(truth, within(0.2 * truth));
    }

    private static Produced at(List<Produced> log, long millis) {
        Produced found = null;
        for (Produced entry : log) {
            if (entry.millis() > millis) {
                break;
            }
            found = entry;
        }
        return found;
    }

    /** When the record at {@code offset} of {@code partition} was produced. */
    private static long producedAt(List<Produced> log, int partition, long offset) {
        for (Produced entry : log) {
            if (entry.counts()[partition] > offset) {
                return entry.millis();
            }
        }
        return System.currentTimeMillis();
    }

    private static double rate(List<Produced> log, long since) {
        Produced first = at(log, since);
        Produced last = log.get(log.size() - 1);
        long records = 0;
        for (int p = 0; p < last.counts().length; p++) {
            records += last.counts()[p] - first.counts()[p];
        }
        return records * 1000.0 / (last.millis() - first.millis());
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static KafkaConsumer<byte[], byte[]> committer(String group) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private static void commit(KafkaConsumer<byte[], byte[]> committer, String topic, long[] counts) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (int p = 0; p < counts.length; p++) {
            offsets.put(new TopicPartition(topic, p), new OffsetAndMetadata(counts[p]));
        }
        committer.commitSync(offsets, Duration.ofSeconds(10));
    }
}
