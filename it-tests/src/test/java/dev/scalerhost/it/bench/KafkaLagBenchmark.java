package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.KafkaFixture;
import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.KafkaRequestCounter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The kafka-lag plugin's refresh of many consumer groups through the running host, against Kafka's
 * own {@code kafka-consumer-groups --describe --all-groups} on the same broker in the same run.
 *
 * <p>Requests are counted on the broker for both (see {@link KafkaRequestCounter}); the plugin's own
 * count of Admin calls per refresh is reported beside them. The host's refresh time is the plugin's
 * {@code refresh_duration}; the tool's is the wall time of its main entry point in this JVM, after one
 * warm-up run. See docs/benchmarks.md for how to run it.
 *
 * <p>System properties: {@code bench.groups} (1000), {@code bench.partitions} (8), {@code bench.topics}
 * (groups / 10, at least 1: ten groups per topic, as many workloads share a topic), {@code bench.repetitions} (5).
 */
public final class KafkaLagBenchmark {

    private static final int CHUNK = 25;

    private KafkaLagBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int groups = Integer.getInteger("bench.groups", 1000);
        int partitions = Integer.getInteger("bench.partitions", 8);
        int topics = Integer.getInteger("bench.topics", Math.max(1, groups / 10));
        int repetitions = Integer.getInteger("bench.repetitions", 5);
        if (groups < 1 || partitions < 1 || topics < 1 || topics > groups || repetitions < 1) {
            throw new IllegalArgumentException("need groups, partitions, repetitions >= 1 and 1 <= topics <= groups; got "
                    + groups + ", " + partitions + ", " + repetitions + ", " + topics);
        }
        Distribution distribution = Distribution.unpacked();
        System.out.printf("kafka-lag benchmark: %d groups x %d partitions on %d topics, %d repetitions; %d cores, JDK %s%n",
                groups, partitions, topics, repetitions, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        try (KafkaBroker broker = KafkaBroker.started()) {
            long setup = System.nanoTime();
            prepare(broker.bootstrapServers(), groups, partitions, topics);
            System.out.printf("setup: %.1f s%n", (System.nanoTime() - setup) / 1e9);
            try (KafkaRequestCounter requests = KafkaRequestCounter.attach(broker)) {
                HostRefreshes.Result host = HostRefreshes.measure(distribution, broker.bootstrapServers(),
                        config(groups, topics), repetitions, requests);
                ToolResult tool = runTool(broker.bootstrapServers(), repetitions, requests, groups * partitions);
                report(groups, partitions, host, tool);
            }
        }
    }

    /** Topic {@code bench-t<i>}; group {@code bench-g<j>} reads topic j % topics and committed offset 1 of 3 records. */
    private static void prepare(String bootstrapServers, int groups, int partitions, int topics) {
        try (KafkaFixture kafka = new KafkaFixture(bootstrapServers)) {
            long[] records = new long[partitions];
            Arrays.fill(records, 3);
            for (int from = 0; from < topics; from += CHUNK) {
                List<String> chunk = new ArrayList<>();
                for (int t = from; t < Math.min(topics, from + CHUNK); t++) {
                    chunk.add(topic(t));
                }
                kafka.createTopics(chunk, partitions);
                chunk.forEach(topic -> kafka.produce(topic, records));
            }
            for (int from = 0; from < groups; from += CHUNK) {
                Map<String, Map<TopicPartition, OffsetAndMetadata>> chunk = new HashMap<>();
                for (int g = from; g < Math.min(groups, from + CHUNK); g++) {
                    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
                    for (int p = 0; p < partitions; p++) {
                        committed.put(new TopicPartition(topic(g % topics), p), new OffsetAndMetadata(1));
                    }
                    chunk.put(group(g), committed);
                }
                kafka.commitAll(chunk);
            }
        }
    }

    /** One serviceType per group; partition lists are re-read hourly, so steady refreshes need no metadata call. */
    private static String config(int groups, int topics) {
        StringBuilder yaml = new StringBuilder(ScalerhostProcess.serverSection()).append("""
                sources:
                  kafka:
                    type: kafka-lag
                    bootstrapServers: ${KAFKA_BOOTSTRAP_SERVERS}
                    metadataRefreshInterval: 1h
                    refreshInterval: 3s
                    timeout: 30s
                    maxStaleness: 5m
                serviceTypes:
                """);
        for (int g = 0; g < groups; g++) {
            yaml.append("  ").append(group(g)).append(": {source: kafka, topic: ").append(topic(g % topics))
                    .append(", consumerGroup: ").append(group(g)).append(", target: 100}\n");
        }
        return yaml.toString();
    }

    record ToolResult(List<Long> nanos, List<Long> brokerRequests, Map<String, Long> lastByApi, long lines) {
    }

    private static ToolResult runTool(String bootstrapServers, int repetitions, KafkaRequestCounter requests,
                                      int expectedRows) throws Exception {
        ConsumerGroupsTool tool = new ConsumerGroupsTool(bootstrapServers);
        ConsumerGroupsTool.Run warmUp = tool.describeAllGroups();
        System.out.printf("tool warm-up: %.0f ms, %d lines%n", warmUp.nanos() / 1e6, warmUp.lines());
        List<Long> nanos = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        Map<String, Long> byApi = Map.of();
        long lines = 0;
        for (int i = 0; i < repetitions; i++) {
            Map<String, Long> before = requests.counts();
            ConsumerGroupsTool.Run run = tool.describeAllGroups();
            byApi = KafkaRequestCounter.delta(before, requests.counts());
            nanos.add(run.nanos());
            counts.add(KafkaRequestCounter.total(byApi));
            lines = run.lines();
            System.out.printf("tool run %d: %.0f ms, %d broker requests %s, %d lines%n", i + 1, run.nanos() / 1e6,
                    KafkaRequestCounter.total(byApi), byApi, run.lines());
        }
        if (lines < expectedRows) {
            throw new IllegalStateException("the tool printed " + lines + " lines, fewer than the " + expectedRows
                    + " partition rows expected: it did not describe every group");
        }
        return new ToolResult(nanos, counts, byApi, lines);
    }

    private static void report(int groups, int partitions, HostRefreshes.Result host, ToolResult tool) {
        double hostMs = Stats.median(host.nanos()) / 1e6;
        double toolMs = Stats.median(tool.nanos()) / 1e6;
        double hostRequests = Stats.median(host.brokerRequests());
        double toolRequests = Stats.median(tool.brokerRequests());
        double adminCalls = Stats.median(host.adminCalls());
        double ratio = toolMs / hostMs;
        System.out.println();
        System.out.printf("| %d groups x %d partitions | plugin refresh (host) | kafka-consumer-groups --describe --all-groups |%n",
                groups, partitions);
        System.out.println("|---|---|---|");
        System.out.printf("| median time | %.0f ms | %.0f ms |%n", hostMs, toolMs);
        System.out.printf("| all times (ms) | %s | %s |%n", Stats.millis(host.nanos()), Stats.millis(tool.nanos()));
        System.out.printf("| requests received by the broker (median) | %.0f %s | %.0f %s |%n", hostRequests,
                host.lastByApi(), toolRequests, tool.lastByApi());
        System.out.printf("| Admin API calls (plugin's requests_last_refresh, median) | %.0f | - |%n", adminCalls);
        System.out.printf("| serviceTypes per refresh batch | %s | - |%n", host.batchSizes());
        System.out.println();
        System.out.printf("time ratio tool / plugin: %.1fx (target >= 10x: %s)%n", ratio, ratio >= 10 ? "met" : "NOT met");
        System.out.printf("Admin calls per refresh: %.0f (target <= 3: %s); broker requests per refresh: %.0f%n",
                adminCalls, adminCalls <= 3 ? "met" : "NOT met", hostRequests);
    }

    static String topic(int index) {
        return String.format("bench-t%04d", index);
    }

    static String group(int index) {
        return String.format("bench-g%04d", index);
    }

    /** Median and formatting of samples. */
    static final class Stats {
        private Stats() {
        }

        static double median(List<? extends Number> samples) {
            List<Double> sorted = samples.stream().map(Number::doubleValue).sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        static String millis(List<Long> nanos) {
            return String.join(", ", nanos.stream().map(n -> String.format("%.0f", n / 1e6)).toList());
        }
    }
}
