package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.KedaClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs one scenario for every trigger at once, on the same traffic: a producer, the consumers, KEDA's loop.
 * The scenario's clock starts warm: the starting consumers have joined their groups and consumed the
 * starting rate for a rate window.
 */
final class ScenarioRun {

    /** How long the starting consumers may take to join their groups before the scenario starts anyway. */
    static final long WARM_UP_MILLIS = 90_000;
    /** Production at the starting rate before the clock: a rate window (10 s) and a members' describe (3 s). */
    static final long SETTLE_MILLIS = 13_000;

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
        AtomicLong clock = new AtomicLong(Long.MAX_VALUE);
        Thread producer = null;
        try {
            warmUp(scenario, runs, keda, trace);
            producer = producer(scenario, bootstrapServers, clock, producing);
            settle(scenario, runs, keda);
            long started = System.currentTimeMillis();
            clock.set(started);
            runs.forEach(run -> run.startClock(started));
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
            if (producer != null) {
                producer.join(10_000);
            }
        }
        List<TriggerRun.Result> results = new ArrayList<>();
        for (TriggerRun run : runs) {
            results.add(run.finish());
        }
        return results;
    }

    /**
     * The warm start: the starting consumers join their groups before any record is produced, until the
     * host sees every group with the starting count of members (or {@link #WARM_UP_MILLIS} passed), so
     * that the scenario begins with consumers that run, as a workload that has been up for a while does.
     */
    private static void warmUp(Scenario scenario, List<TriggerRun> runs, KedaClient keda, FiguresTrace trace)
            throws InterruptedException {
        long from = System.currentTimeMillis();
        while (System.currentTimeMillis() - from < WARM_UP_MILLIS) {
            boolean joined = true;
            for (TriggerRun run : runs) {
                pollQuietly(keda, run);
                joined &= trace.figure(run.serviceType(), "members") == scenario.initial();
            }
            if (joined) {
                System.out.printf("warm start: every group had its %d members after %.1f s%n", scenario.initial(),
                        (System.currentTimeMillis() - from) / 1000.0);
                return;
            }
            Thread.sleep(1_000);
        }
        System.out.printf("warm start: not every group had its %d members after %d s; starting anyway%n",
                scenario.initial(), WARM_UP_MILLIS / 1000);
    }

    /** A KEDA poll before the clock starts, as KEDA keeps polling: its value is not used, a failure not counted. */
    private static void pollQuietly(KedaClient keda, TriggerRun run) {
        try {
            keda.poll(run.serviceType());
        } catch (RuntimeException e) {
            // not measured yet
        }
    }

    /**
     * Produces at the scenario's starting rate for {@link #SETTLE_MILLIS} before the clock starts, so that
     * the host's rates cover a whole window of the running consumers, as KEDA keeps polling.
     */
    private static void settle(Scenario scenario, List<TriggerRun> runs, KedaClient keda) throws InterruptedException {
        long from = System.currentTimeMillis();
        while (System.currentTimeMillis() - from < SETTLE_MILLIS) {
            runs.forEach(run -> pollQuietly(keda, run));
            Thread.sleep(1_000);
        }
        System.out.printf("settled: %.0f/s produced for %d s before the scenario's clock starts%n",
                scenario.arrival().applyAsDouble(0), SETTLE_MILLIS / 1000);
    }

    /**
     * Writes the scenario's arrivals to every trigger's topic, round-robin over the partitions; before
     * the scenario's {@code clock} starts, at its starting rate.
     */
    private static Thread producer(Scenario scenario, String bootstrapServers, AtomicLong clock, AtomicBoolean producing) {
        List<String> topics = ScalingSimulation.TRIGGERS.stream().map(t -> ScalingSimulation.topic(scenario, t)).toList();
        Thread thread = new Thread(() -> {
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.LINGER_MS_CONFIG, 5,
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class))) {
                double owed = 0;
                long sent = 0;
                long last = System.currentTimeMillis();
                while (producing.get()) {
                    long now = System.currentTimeMillis();
                    double second = Math.max(0, (now - clock.get()) / 1000.0);
                    owed += scenario.arrival().applyAsDouble(second) * (now - last) / 1000.0;
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
