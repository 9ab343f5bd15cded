package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.KedaClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Runs one scenario for every trigger at once, on the same traffic: a producer, the consumers, KEDA's loop. */
final class ScenarioRun {

    private ScenarioRun() {
    }

    static List<TriggerRun.Result> run(Scenario scenario, String bootstrapServers, KedaClient keda, FiguresTrace trace)
            throws Exception {
        System.out.printf("%n== %s ==%n", scenario.title());
        List<TriggerRun> runs = new ArrayList<>();
        for (ScalingSimulation.Trigger trigger : ScalingSimulation.TRIGGERS) {
            runs.add(new TriggerRun(scenario, trigger, bootstrapServers));
        }
        AtomicBoolean producing = new AtomicBoolean(true);
        long started = System.currentTimeMillis();
        Thread producer = producer(scenario, bootstrapServers, started, producing);
        try {
            long nextPoll = started + ScalingSimulation.POLLING_MILLIS;
            long previous = started;
            for (int tick = 1; tick <= scenario.seconds(); tick++) {
                long due = started + tick * 1000L;
                long wait = due - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
                long now = System.currentTimeMillis();
                double second = (now - started) / 1000.0;
                if (tick == scenario.stopSecond()) {
                    runs.forEach(TriggerRun::stopAll);
                }
                if (tick == scenario.restartSecond()) {
                    runs.forEach(TriggerRun::restartAll);
                }
                for (TriggerRun run : runs) {
                    run.sample(second, (now - previous) / 1000.0);
                }
                previous = now;
                if (now >= nextPoll) {
                    for (TriggerRun run : runs) {
                        run.poll(keda, second, now);
                        if (run.traced()) {
                            trace.print(run.serviceType(), second, run.replicas());
                        }
                    }
                    nextPoll += ScalingSimulation.POLLING_MILLIS;
                }
            }
        } finally {
            producing.set(false);
            producer.join(10_000);
        }
        List<TriggerRun.Result> results = new ArrayList<>();
        for (TriggerRun run : runs) {
            results.add(run.finish());
        }
        return results;
    }

    /** Writes the scenario's arrivals to every trigger's topic, round-robin over the partitions. */
    private static Thread producer(Scenario scenario, String bootstrapServers, long started, AtomicBoolean producing) {
        List<String> topics = ScalingSimulation.TRIGGERS.stream().map(t -> ScalingSimulation.topic(scenario, t)).toList();
        Thread thread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                double owed = 0;
                long sent = 0;
                long last = started;
                while (producing.get()) {
                    long now = System.currentTimeMillis();
                    owed += scenario.arrival().applyAsDouble((now - started) / 1000.0) * (now - last) / 1000.0;
                    last = now;
                    while (owed >= 1) {
                        int partition = (int) (sent++ % ScalingSimulation.PARTITIONS);
                        for (String topic : topics) {
                            producer.send(new ProducerRecord<>(topic, partition, now, null, new byte[] {1}));
                        }
                        owed--;
                    }
                    Thread.sleep(20);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "simulation-producer");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
