package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.KafkaFixture;
import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.KafkaRequestCounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scaling simulation: a real broker, a producer following a traffic pattern, consumers as
 * threads processing at a fixed rate, and a loop playing KEDA and the HPA against the running host,
 * for the triggers {@code lag} (target = capacity × acceptable delay), {@code lagSeconds} (metricType
 * Value) and {@code replicas}, side by side on the same traffic. Time is compressed: KEDA polls every
 * 3 s, the scale-down stabilization window is 30 s, the host refreshes every second.
 *
 * <p>Arguments: {@code --scenarios steady,step,burst,restart} (the default: all; {@code --scenario restart}
 * runs one), {@code --charts DIR}
 * (where the PNG charts go; default ../docs/scaling, from it-tests). See docs/benchmarks.md.
 */
public final class ScalingSimulation {

    static final int PARTITIONS = 12;
    static final double CAPACITY = 20;
    static final double ACCEPTABLE_DELAY_SECONDS = 10;
    static final int DRAIN_WITHIN_SECONDS = 30;
    static final int MAX_REPLICAS = PARTITIONS;
    static final long POLLING_MILLIS = 3_000;
    static final long STABILIZATION_MILLIS = 30_000;

    /** One trigger under test: its serviceType's binding keys and the HPA arithmetic KEDA gives it. */
    record Trigger(String name, String bindingKeys, SimulatedHpa.MetricType type, double target) {
    }

    static final List<Trigger> TRIGGERS = List.of(
            new Trigger("lag", "target: " + (int) (CAPACITY * ACCEPTABLE_DELAY_SECONDS),
                    SimulatedHpa.MetricType.AVERAGE_VALUE, CAPACITY * ACCEPTABLE_DELAY_SECONDS),
            new Trigger("lagSeconds", "metric: lagSeconds\n    target: " + (int) ACCEPTABLE_DELAY_SECONDS,
                    SimulatedHpa.MetricType.VALUE, ACCEPTABLE_DELAY_SECONDS),
            new Trigger("replicas", "metric: replicas\n    target: 1\n    drainWithin: " + DRAIN_WITHIN_SECONDS
                    + "s\n    ratePerReplica: "
                    + (int) CAPACITY, SimulatedHpa.MetricType.AVERAGE_VALUE, 1));

    private ScalingSimulation() {
    }

    public static void main(String[] args) throws Exception {
        String names = "steady,step,burst,restart";
        String chartDirectory = "../docs/scaling";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scenarios", "--scenario" -> names = args[i + 1];
                case "--charts" -> chartDirectory = args[i + 1];
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + "; known: --scenarios (or --scenario), --charts");
            }
        }
        List<Scenario> scenarios = new ArrayList<>();
        for (String name : names.split(",")) {
            scenarios.add(switch (name.strip()) {
                case "steady" -> Scenario.STEADY;
                case "step" -> Scenario.STEP;
                case "burst" -> Scenario.BURST;
                case "restart" -> Scenario.RESTART;
                default -> throw new IllegalArgumentException("unknown scenario " + name + "; known: steady, step, burst, restart");
            });
        }
        Path charts = Path.of(chartDirectory).toAbsolutePath().normalize();
        Files.createDirectories(charts);
        System.out.printf("scaling simulation: %d partitions, %.0f records/s per consumer, acceptable delay %.0f s, "
                        + "polling %d s, scale-down stabilization %d s, replicas 1..%d; %d cores, JDK %s%n",
                PARTITIONS, CAPACITY, ACCEPTABLE_DELAY_SECONDS, POLLING_MILLIS / 1000, STABILIZATION_MILLIS / 1000,
                MAX_REPLICAS, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        Distribution distribution = Distribution.unpacked();
        Map<Scenario, List<TriggerRun.Result>> results = new LinkedHashMap<>();
        try (KafkaBroker broker = KafkaBroker.started();
             KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
            createTopics(kafka, scenarios);
            try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("scaling-simulation")
                         .config(config(broker.bootstrapServers(), scenarios)).start();
                 KedaClient keda = KedaClient.connect(host.grpcPort());
                 KafkaRequestCounter requests = KafkaRequestCounter.attach(broker)) {
                for (Scenario scenario : scenarios) {
                    if (scenario == Scenario.RESTART) {
                        System.out.printf("%nrestart sizing: %s%n", Scenario.RESTART_SIZING.describe());
                    }
                    Map<String, Long> before = requests.counts();
                    long started = System.nanoTime();
                    List<TriggerRun.Result> runs = ScenarioRun.run(scenario, broker.bootstrapServers(), keda,
                            new FiguresTrace(host));
                    double minutes = (System.nanoTime() - started) / 60e9;
                    results.put(scenario, runs);
                    ScalingCharts.draw(scenario, runs, charts);
                    ScalingReport.print(scenario, runs);
                    System.out.printf("broker requests per minute during %s (host, producer and consumers): %s%n",
                            scenario.name(), perMinute(KafkaRequestCounter.delta(before, requests.counts()), minutes));
                }
                describeRequests(keda, scenarios, requests);
            }
        }
        ScalingReport.summary(results);
    }

    /**
     * The host's requests while KEDA polls one serviceType, then every serviceType, each for 20 s with
     * no consumers running: the describe of group members must not grow with the serviceTypes.
     */
    private static void describeRequests(KedaClient keda, List<Scenario> scenarios, KafkaRequestCounter requests)
            throws Exception {
        List<String> all = new ArrayList<>();
        scenarios.forEach(scenario -> TRIGGERS.forEach(trigger -> all.add(serviceType(scenario, trigger))));
        for (List<String> polled : List.of(all.subList(0, 1), all)) {
            Map<String, Long> before = requests.counts();
            long started = System.nanoTime();
            while (System.nanoTime() - started < 20e9) {
                polled.forEach(keda::poll);
                Thread.sleep(1_000);
            }
            double minutes = (System.nanoTime() - started) / 60e9;
            System.out.printf("host requests per minute polling %d serviceType(s) every second (refreshInterval 1s, "
                    + "membersRefreshInterval 3s): %s%n", polled.size(),
                    perMinute(KafkaRequestCounter.delta(before, requests.counts()), minutes));
        }
    }

    private static Map<String, Long> perMinute(Map<String, Long> counts, double minutes) {
        Map<String, Long> rates = new java.util.TreeMap<>();
        counts.forEach((api, count) -> rates.put(api, Math.round(count / minutes)));
        return rates;
    }

    private static void createTopics(KafkaFixture kafka, List<Scenario> scenarios) {
        List<String> topics = new ArrayList<>();
        scenarios.forEach(scenario -> TRIGGERS.forEach(trigger -> topics.add(topic(scenario, trigger))));
        kafka.createTopics(topics, PARTITIONS);
    }

    static String serviceType(Scenario scenario, Trigger trigger) {
        return (scenario.name() + "-" + trigger.name()).toLowerCase(Locale.ROOT);
    }

    static String topic(Scenario scenario, Trigger trigger) {
        return "sim-" + serviceType(scenario, trigger);
    }

    static String group(Scenario scenario, Trigger trigger) {
        return "sim-group-" + serviceType(scenario, trigger);
    }

    private static String config(String bootstrapServers, List<Scenario> scenarios) {
        StringBuilder yaml = new StringBuilder(ScalerhostProcess.serverSection()).append("""
                sources:
                  kafka:
                    type: kafka-lag
                    bootstrapServers: %s
                    refreshInterval: 1s
                    maxStaleness: 30s
                    membersRefreshInterval: 3s
                serviceTypes:
                """.formatted(bootstrapServers));
        for (Scenario scenario : scenarios) {
            for (Trigger trigger : TRIGGERS) {
                yaml.append("  ").append(serviceType(scenario, trigger)).append(":\n")
                        .append("    source: kafka\n")
                        .append("    topic: ").append(topic(scenario, trigger)).append('\n')
                        .append("    consumerGroup: ").append(group(scenario, trigger)).append('\n')
                        .append("    rateWindow: 10s\n")
                        .append("    ").append(trigger.bindingKeys()).append('\n');
            }
        }
        return yaml.toString();
    }
}
