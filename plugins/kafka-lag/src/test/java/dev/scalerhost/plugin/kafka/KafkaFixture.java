package dev.scalerhost.plugin.kafka;

import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Sets exact offsets on a real broker and opens kafka-lag sources against it. */
final class KafkaFixture implements AutoCloseable {

    final String bootstrapServers;
    final HostMetrics hostMetrics = new HostMetrics();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<AutoCloseable> opened = new ArrayList<>();

    KafkaFixture(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                // Idempotence can wedge on a partition whose leader was elected a moment ago; counts matter here, not exactly-once.
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    void createTopic(String topic, int partitions) throws Exception {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!allPartitionsHaveLeaders(topic)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + topic + " has partitions without a leader after 30 s");
            }
            Thread.sleep(20);
        }
    }

    private boolean allPartitionsHaveLeaders(String topic) throws Exception {
        try {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().stream().allMatch(p -> p.leader() != null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false; // created, but the broker's metadata does not show it yet
            }
            throw e;
        }
    }

    /** Creates {@code topic} with one partition per entry and writes that many records to each. */
    void topicWithRecords(String topic, int... recordsPerPartition) throws Exception {
        createTopic(topic, recordsPerPartition.length);
        for (int partition = 0; partition < recordsPerPartition.length; partition++) {
            produce(topic, partition, recordsPerPartition[partition]);
        }
    }

    void produce(String topic, int partition, int records) throws Exception {
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(topic, partition, null, new byte[] {1}));
        }
        producer.flush();
    }

    /** Commits offsets for {@code group} without joining it: partition -> offset pairs. */
    void commit(String group, String topic, long... partitionOffsetPairs) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (int i = 0; i < partitionOffsetPairs.length; i += 2) {
            offsets.put(new TopicPartition(topic, (int) partitionOffsetPairs[i]), new OffsetAndMetadata(partitionOffsetPairs[i + 1]));
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.commitSync(offsets, Duration.ofSeconds(30));
        }
    }

    /** Adds partitions to {@code topic} until it has {@code partitions}, and waits until each has a leader. */
    void growTopic(String topic, int partitions) throws Exception {
        admin.createPartitions(Map.of(topic, NewPartitions.increaseTo(partitions))).all().get(30, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .stream().filter(p -> p.leader() != null).count() < partitions) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("topic " + topic + " has not grown to " + partitions + " partitions with leaders after 30 s");
            }
            Thread.sleep(20);
        }
    }

    /** Moves the log start of {@code topic}'s partition to {@code offset}, as retention would. */
    void deleteRecordsBefore(String topic, int partition, long offset) throws Exception {
        admin.deleteRecords(Map.of(new TopicPartition(topic, partition), RecordsToDelete.beforeOffset(offset)))
                .all().get(30, TimeUnit.SECONDS);
    }

    /** A source named {@code kafka} on this broker; extra keys override the defaults. */
    KafkaLagSource open(Map<String, ?> extra) {
        return open(extra, Clock.systemUTC());
    }

    /** A source named {@code kafka} on this broker that tells time by {@code clock}. */
    KafkaLagSource open(Map<String, ?> extra, Clock clock) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("bootstrapServers", bootstrapServers);
        keys.put("requestTimeout", "5s");
        keys.putAll(extra);
        NodeSettings settings = TestSettings.fromMap("sources.kafka", keys);
        KafkaLagSource source = (KafkaLagSource) new KafkaLagProvider().open(settings,
                HostSourceContext.of("kafka", hostMetrics, clock, scheduler));
        settings.reportUnknownKeys();
        if (!settings.problems().isEmpty()) {
            throw new AssertionError(settings.problems().list().stream().map(ConfigProblem::render).toList());
        }
        opened.add(source);
        return source;
    }

    KafkaLagSource open() {
        return open(Map.of());
    }

    /** Prepares a binding from {@code key, value} pairs; fails the test on any configuration problem. */
    static Metric prepare(KafkaLagSource source, Object... keyValues) {
        NodeSettings params = params(keyValues);
        Metric metric = source.prepare(params);
        params.reportUnknownKeys();
        if (!params.problems().isEmpty()) {
            throw new AssertionError(params.problems().list().stream().map(ConfigProblem::render).toList());
        }
        return metric;
    }

    static NodeSettings params(Object... keyValues) {
        Map<String, Object> keys = new LinkedHashMap<>();
        keys.put("target", 10);
        keys.put("activation", 0);
        for (int i = 0; i < keyValues.length; i += 2) {
            keys.put((String) keyValues[i], keyValues[i + 1]);
        }
        NodeSettings params = TestSettings.fromMap("serviceTypes.test", keys);
        // As the host hands them over: the plugin's declarations (target and activation among them) say what is known.
        params.declareKeys(new KafkaLagProvider().bindingKeys());
        return params;
    }

    static Map<Metric, Reading> measure(KafkaLagSource source, Collection<Metric> metrics) throws Exception {
        return source.measure(metrics, Deadline.after(Duration.ofSeconds(10)));
    }

    static Reading.Value value(KafkaLagSource source, Metric metric) throws Exception {
        Reading reading = measure(source, List.of(metric)).get(metric);
        if (reading instanceof Reading.Value value) {
            return value;
        }
        throw new AssertionError("expected a value for " + metric.describe() + ", got " + reading);
    }

    /** The sum of a source counter over all its labels. */
    long counter(String name) {
        return counter(hostMetrics, name);
    }

    static long counter(HostMetrics hostMetrics, String name) {
        return (long) MetricsSamples.of(hostMetrics).sum("scalerhost_source_" + name);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable source : opened) {
            source.close();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
        scheduler.shutdownNow();
    }
}
