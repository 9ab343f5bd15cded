package dev.scalerhost.it.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * One replica of the simulated workload: a group member (Kafka's consumer group protocol) that
 * processes at most {@code perSecond} records per second and commits after each poll, as a real
 * consumer does. It reports how old each record was when processed (from the record's timestamp).
 */
final class SimulatedConsumer {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final double perSecond;
    private final AtomicLong worstDelayMillis;
    private volatile boolean running = true;

    /** @param worstDelayMillis raised to the age of every processed record that is older */
    SimulatedConsumer(String bootstrapServers, String group, String topic, double perSecond, AtomicLong worstDelayMillis) {
        this.perSecond = perSecond;
        this.worstDelayMillis = worstDelayMillis;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, (int) (perSecond / 4)),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::run, "simulated-consumer-" + group);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long interval = (long) (1e9 / perSecond);
        long next = System.nanoTime();
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    // On schedule while busy: a late wake-up, a poll or a commit is made up on the next
                    // records (so a busy consumer does its 20/s on a loaded machine too), but idle time is not.
                    next = Math.max(next, System.nanoTime() - interval) + interval;
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    worstDelayMillis.accumulateAndGet(System.currentTimeMillis() - record.timestamp(), Math::max);
                }
                consumer.commitSync(Duration.ofSeconds(10));
            }
        } catch (WakeupException | InterruptedException stopping) {
            // stopping
        } catch (RuntimeException e) {
            System.err.println("simulated consumer failed: " + e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Asks it to stop; it commits what it processed and leaves the group in the background. */
    void stop() {
        running = false;
        consumer.wakeup();
    }

    void join() throws InterruptedException {
        thread.join(15_000);
    }
}
