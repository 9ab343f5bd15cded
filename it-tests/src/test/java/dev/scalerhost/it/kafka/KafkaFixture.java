package dev.scalerhost.it.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Puts a real broker into a known lag state: topics with partitions, an exact number of records
 * per partition, and exact committed offsets per consumer group (committed through the Admin API,
 * so no consumer has to join the group).
 */
public final class KafkaFixture implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final byte[] PAYLOAD = "m".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    public KafkaFixture(String bootstrapServers) {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.admin = Admin.create(admin);
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(producer);
    }

    public Admin admin() {
        return admin;
    }

    /** Creates the topics and waits until every partition has a leader that answers list-offsets. */
    public void createTopics(List<String> topics, int partitions) {
        List<NewTopic> requests = topics.stream().map(topic -> new NewTopic(topic, partitions, (short) 1)).toList();
        await(admin.createTopics(requests).all(), "create topics " + topics);
        Map<TopicPartition, OffsetSpec> all = new HashMap<>();
        topics.forEach(topic -> {
            for (int p = 0; p < partitions; p++) {
                all.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        });
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                admin.listOffsets(all).all().get(10, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                // Freshly created partitions answer UNKNOWN_TOPIC_OR_PARTITION until their metadata has spread.
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("partitions of " + topics + " have no leader after " + WAIT, e);
                }
                sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + topics, e);
            }
        }
    }

    /** Appends {@code counts[p]} records to partition {@code p} of {@code topic}. */
    public void produce(String topic, long... counts) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int partition = 0; partition < counts.length; partition++) {
            for (long i = 0; i < counts[partition]; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, partition, null, PAYLOAD)));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("cannot produce to " + topic + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while producing to " + topic, e);
            }
        }
    }

    /**
     * Commits {@code offsets[p]} for partition {@code p} of {@code topic} on behalf of {@code group};
     * a negative entry leaves that partition without a committed offset.
     */
    public void commit(String group, String topic, long... offsets) {
        await(admin.alterConsumerGroupOffsets(group, offsetMap(topic, offsets)).all(), "commit offsets of " + group);
    }

    /** Commits for many groups at once, all requests in flight together. */
    public void commitAll(Map<String, Map<TopicPartition, OffsetAndMetadata>> offsetsByGroup) {
        List<KafkaFuture<Void>> pending = new ArrayList<>();
        offsetsByGroup.forEach((group, offsets) -> pending.add(admin.alterConsumerGroupOffsets(group, offsets).all()));
        await(KafkaFuture.allOf(pending.toArray(KafkaFuture[]::new)), "commit offsets of " + offsetsByGroup.size() + " groups");
    }

    /** The log end offset of every partition of {@code topic} (0 .. partitions-1). */
    public long[] endOffsets(String topic, int partitions) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            request.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                await(admin.listOffsets(request).all(), "list offsets of " + topic);
        long[] ends = new long[partitions];
        result.forEach((partition, info) -> ends[partition.partition()] = info.offset());
        return ends;
    }

    static Map<TopicPartition, OffsetAndMetadata> offsetMap(String topic, long... offsets) {
        Map<TopicPartition, OffsetAndMetadata> map = new HashMap<>();
        for (int partition = 0; partition < offsets.length; partition++) {
            if (offsets[partition] >= 0) {
                map.put(new TopicPartition(topic, partition), new OffsetAndMetadata(offsets[partition]));
            }
        }
        return map;
    }

    private static <T> T await(KafkaFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot " + what + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
