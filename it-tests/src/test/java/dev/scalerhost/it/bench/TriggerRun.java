package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.KedaClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One trigger's workload in one scenario: its consumers, its simulated HPA and what was observed. */
final class TriggerRun {

    /** One second of the run. */
    record Sample(double second, int replicas, double trueLagSeconds, double metricValue) {
    }

    /**
     * What a run shows.
     *
     * @param highestLagSeconds   the oldest record any consumer processed, age at processing
     * @param backUnderSeconds    from the scenario's event until the true lag stayed under the acceptable delay
     * @param replicaSeconds      replicas × seconds over the run
     * @param scaleChanges        how often the HPA changed the replica count
     * @param scaleUpsAfterEvent  scale-ups after the event (the restart's goal is none)
     */
    record Result(String trigger, List<Sample> samples, double highestLagSeconds, double backUnderSeconds,
                  double replicaSeconds, int scaleChanges, int scaleUpsAfterEvent) {
    }

    private final ScalingSimulation.Trigger trigger;
    private final String serviceType;
    private final String bootstrapServers;
    private final String group;
    private final String topic;
    private SimulatedHpa hpa;
    private final AtomicLong worstDelayMillis = new AtomicLong(-1);
    private final List<SimulatedConsumer> running = new ArrayList<>();
    private final List<Sample> samples = new ArrayList<>();
    private final int eventSecond;
    private int replicas;
    private boolean stopped;
    private double lastValue = Double.NaN;
    private double lastTrueLag;
    private int scaleChanges;
    private int scaleUpsAfterEvent;

    TriggerRun(Scenario scenario, ScalingSimulation.Trigger trigger, String bootstrapServers) {
        this.trigger = trigger;
        this.serviceType = ScalingSimulation.serviceType(scenario, trigger);
        this.bootstrapServers = bootstrapServers;
        this.group = ScalingSimulation.group(scenario, trigger);
        this.topic = ScalingSimulation.topic(scenario, trigger);
        this.eventSecond = scenario.eventSecond();
        this.replicas = scenario.initial();
        apply();
    }

    /**
     * Starts the scenario's clock once the consumers are warm: the HPA begins here, as if it had held
     * the starting count for a while, and the true lag counts from here.
     */
    void startClock(long nowMillis) {
        hpa = new SimulatedHpa(trigger.type(), trigger.target(), 1, ScalingSimulation.MAX_REPLICAS,
                ScalingSimulation.STABILIZATION_MILLIS, replicas, nowMillis);
        worstDelayMillis.set(-1);
    }

    /** One KEDA polling round and the HPA's decision; a failed poll changes nothing, as the HPA keeps its count. */
    void poll(KedaClient keda, double second, long nowMillis) {
        try {
            lastValue = keda.poll(serviceType).value();
        } catch (RuntimeException e) {
            System.out.printf("  %s at %.0f s: poll failed: %s%n", serviceType, second, e.getMessage());
            return;
        }
        int desired = hpa.decide(lastValue, replicas, nowMillis);
        if (desired != replicas) {
            scaleChanges++;
            if (desired > replicas && second >= eventSecond && eventSecond > 0) {
                scaleUpsAfterEvent++;
            }
            replicas = desired;
            apply();
        }
    }

    String serviceType() {
        return serviceType;
    }

    int replicas() {
        return replicas;
    }

    /** Whether the figures behind this trigger's value are printed at each poll: those of {@code replicas}. */
    boolean traced() {
        return trigger.name().equals("replicas");
    }

    void stopAll() {
        stopped = true;
        apply();
    }

    void restartAll() {
        stopped = false;
        apply();
    }

    /** Starts or stops consumers until as many run as the replica count says (none while stopped). */
    private void apply() {
        int wanted = stopped ? 0 : replicas;
        while (running.size() < wanted) {
            running.add(new SimulatedConsumer(bootstrapServers, group, topic, ScalingSimulation.CAPACITY, worstDelayMillis));
        }
        while (running.size() > wanted) {
            running.remove(running.size() - 1).stop();
        }
    }

    /** Records one second: the oldest record processed in it, or, while nothing is processed, the lag growing. */
    void sample(double second, double elapsedSeconds) {
        long worst = worstDelayMillis.getAndSet(-1);
        double trueLag = worst >= 0 ? worst / 1000.0 : (running.isEmpty() ? lastTrueLag + elapsedSeconds : lastTrueLag);
        lastTrueLag = trueLag;
        samples.add(new Sample(second, replicas, trueLag, lastValue));
    }

    Result finish() throws InterruptedException {
        List<SimulatedConsumer> all = List.copyOf(running);
        stopped = true;
        apply();
        for (SimulatedConsumer consumer : all) {
            consumer.join();
        }
        double highest = samples.stream().mapToDouble(Sample::trueLagSeconds).max().orElse(0);
        double lastAbove = -1;
        for (Sample sample : samples) {
            if (sample.second() >= eventSecond && sample.trueLagSeconds() >= ScalingSimulation.ACCEPTABLE_DELAY_SECONDS) {
                lastAbove = sample.second();
            }
        }
        double backUnder = lastAbove < 0 ? 0 : lastAbove + 1 - eventSecond;
        double replicaSeconds = 0;
        for (int i = 1; i < samples.size(); i++) {
            replicaSeconds += samples.get(i - 1).replicas() * (samples.get(i).second() - samples.get(i - 1).second());
        }
        return new Result(trigger.name(), List.copyOf(samples), highest, backUnder, replicaSeconds, scaleChanges,
                scaleUpsAfterEvent);
    }
}
