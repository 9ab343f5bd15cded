package dev.scalerhost.demo;

import dev.scalerhost.demo.LakerunnerConfig.KafkaBinding;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces to every Lakerunner topic in waves and consumes it with a real consumer per group that
 * commits what it processed, slowly while work swells and fast afterwards, so that the consumer lag
 * the host measures rises and falls. Every topic has {@link #PARTITIONS} partitions.
 */
final class KafkaWorkload implements AutoCloseable {

    static final int PARTITIONS = 6;
    static final Duration TICK = Duration.ofMillis(250);

    private static final Logger LOG = LoggerFactory.getLogger(KafkaWorkload.class);

    private final List<TopicFeed> feeds;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService scheduler;
    private final FailureLog failures = new FailureLog(LOG);
    private final long startNanos = System.nanoTime();

    private KafkaWorkload(String bootstrapServers, List<KafkaBinding> bindings) {
        producer = new KafkaProducer<>(producerProperties(bootstrapServers));
        feeds = new ArrayList<>();
        try {
            for (int i = 0; i < bindings.size(); i++) {
                KafkaBinding binding = bindings.get(i);
                feeds.add(new TopicFeed(binding, Wave.staggered(i, bindings.size(), binding.target()),
                        new KafkaConsumer<>(consumerProperties(bootstrapServers, binding))));
            }
        } catch (RuntimeException e) {
            feeds.forEach(feed -> feed.consumer.close());
            producer.close();
            throw e;
        }
        scheduler = Executors.newScheduledThreadPool(2, Daemons.named("kafka-workload"));
    }

    /** Creates every binding's topic with {@link #PARTITIONS} partitions on the single-node cluster. */
    static void createTopics(String bootstrapServers, List<KafkaBinding> bindings)
            throws ExecutionException, InterruptedException, TimeoutException {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(properties)) {
            List<NewTopic> topics = bindings.stream().map(KafkaBinding::topic).distinct()
                    .map(topic -> new NewTopic(topic, PARTITIONS, (short) 1)).toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * Starts producing and consuming. A group commits nothing before its consumer has processed a
     * record: until then the host counts its partitions under offsetResetPolicy, as KEDA does.
     */
    static KafkaWorkload start(String bootstrapServers, List<KafkaBinding> bindings) {
        KafkaWorkload workload = new KafkaWorkload(bootstrapServers, bindings);
        try {
            workload.feeds.forEach(TopicFeed::assignFromStart);
        } catch (RuntimeException e) {
            workload.close();
            throw e;
        }
        long tick = TICK.toMillis();
        for (TopicFeed feed : workload.feeds) {
            workload.scheduler.scheduleWithFixedDelay(() -> workload.step(feed), 0, tick, TimeUnit.MILLISECONDS);
        }
        return workload;
    }

    private void step(TopicFeed feed) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        try {
            feed.produce(elapsed);
            feed.consume(elapsed);
        } catch (RuntimeException e) {
            failures.failed("feeding topic " + feed.binding.topic(), e);
        }
    }

    /** Stops producing and consuming and closes the clients. */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
                feeds.forEach(feed -> feed.consumer.wakeup());
                scheduler.shutdownNow();
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (TopicFeed feed : feeds) {
            try {
                feed.consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
            } catch (RuntimeException e) {
                LOG.debug("closing the consumer of {}: {}", feed.binding.topic(), e.toString());
            }
        }
        producer.close(Duration.ofSeconds(2));
    }

    private static Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "demo-producer");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        properties.put(ProducerConfig.ACKS_CONFIG, "1");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return properties;
    }

    private static Properties consumerProperties(String bootstrapServers, KafkaBinding binding) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, binding.consumerGroup());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "demo-" + binding.serviceType());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return properties;
    }

    /** One topic: its producer budget and its group's consumer. Run by one task, never concurrently. */
    private final class TopicFeed {
        private final KafkaBinding binding;
        private final Wave wave;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> partitions = new ArrayList<>();
        private final RateBudget produceBudget = new RateBudget();
        private final RateBudget consumeBudget = new RateBudget();
        private long sequence;

        TopicFeed(KafkaBinding binding, Wave wave, KafkaConsumer<byte[], byte[]> consumer) {
            this.binding = Objects.requireNonNull(binding, "binding");
            this.wave = Objects.requireNonNull(wave, "wave");
            this.consumer = Objects.requireNonNull(consumer, "consumer");
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(binding.topic(), p));
            }
        }

        void assignFromStart() {
            consumer.assign(partitions);
        }

        void produce(Duration elapsed) {
            produceBudget.accrue(wave.arrivalRate(elapsed), TICK);
            long count = produceBudget.take(Long.MAX_VALUE);
            for (long i = 0; i < count; i++) {
                int partition = (int) (sequence % PARTITIONS);
                byte[] value = ("{\"object\":\"s3://demo/" + binding.topic() + "/" + sequence + ".parquet\"}")
                        .getBytes(StandardCharsets.UTF_8);
                sequence++;
                producer.send(new ProducerRecord<>(binding.topic(), partition, null, value), (metadata, error) -> {
                    if (error != null) {
                        failures.failed("producing to " + binding.topic(), error);
                    }
                });
            }
        }

        /** Processes as many records as the budget allows and commits exactly those. */
        void consume(Duration elapsed) {
            consumeBudget.accrue(wave.consumeRate(elapsed), TICK);
            if (consumeBudget.available() < 1) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
            Map<TopicPartition, Long> rewind = new HashMap<>();
            for (var record : consumer.poll(Duration.ofMillis(20))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (!rewind.containsKey(partition) && consumeBudget.take(1) == 1) {
                    processed.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } else {
                    rewind.putIfAbsent(partition, record.offset());
                }
            }
            if (!processed.isEmpty()) {
                consumer.commitSync(processed, Duration.ofSeconds(5));
            }
            rewind.forEach(consumer::seek);
        }
    }
}
