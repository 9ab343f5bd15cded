package dev.scalerhost.it.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.MetricsText;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The console's history keeps its bound: the distribution with {@code --service-types} serviceTypes
 * (default 1,000), all refreshed every second from one local {@code /metrics} endpoint whose values
 * change every second, for {@code --minutes} (default 10), sampling the host's heap after a full
 * collection every {@code --sample} seconds (default 30). A second host with one serviceType of the
 * same source runs beside it, sampled alike: the baseline for the heap a serviceType costs, measured in
 * the same run. Flat means the last samples are within a few MiB of the first ones, while the points
 * of {@code /history} stop growing at one per 5 s slot.
 *
 * <p>Run through Maven (see docs/benchmarks.md): {@code ./mvnw -B -pl it-tests -am verify -Pbench
 * -DskipTests -Dbench.class=HistoryBenchmark -Dbench.args="--minutes 10"}.
 */
public final class HistoryBenchmark {

    private static final String METRIC = "bench_history_depth";

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, Set.of("minutes", "sample", "service-types"));
        Duration length = Duration.ofMinutes(arguments.integer("minutes", 10));
        Duration sample = arguments.seconds("sample", 30);
        int serviceTypes = arguments.integer("service-types", 1000);
        Distribution distribution = Distribution.unpacked();
        System.out.println("History benchmark: " + Machine.describe() + "; " + serviceTypes
                + " serviceTypes refreshed every second for " + length);
        try (MetricsEndpoint endpoint = MetricsEndpoint.start();
                ScalerhostProcess many = ScalerhostProcess.builder(distribution).name("bench-history")
                        .config(config(endpoint, serviceTypes)).start();
                ScalerhostProcess one = ScalerhostProcess.builder(distribution).name("bench-history-baseline")
                        .config(config(endpoint, 1)).start()) {
            ObjectMapper json = new ObjectMapper();
            System.out.println("| minute | heap after GC MiB, " + serviceTypes + " serviceTypes | heap after GC MiB, 1 serviceType "
                    + "| KiB per serviceType | /history points of st-0 | refreshes | RSS MiB |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
            ScheduledExecutorService changer = Executors.newSingleThreadScheduledExecutor();
            AtomicLong second = new AtomicLong();
            changer.scheduleAtFixedRate(() -> {
                long now = second.incrementAndGet();
                for (int i = 0; i < serviceTypes; i++) {
                    endpoint.set(METRIC, (now * 7 + i) % 5000, "queue", "q-" + i);
                }
            }, 0, 1, TimeUnit.SECONDS);
            long start = System.nanoTime();
            try {
                while (System.nanoTime() - start < length.toNanos()) {
                    Thread.sleep(sample.toMillis());
                    long manyHeap = JvmProbe.retainedHeapBytes(many);
                    long oneHeap = JvmProbe.retainedHeapBytes(one);
                    JsonNode history = json.readTree(many.http("/history/st-0").body());
                    double refreshes = MetricsText.scrape(many)
                            .value("scalerhost_measurement_batch_size_count{source=\"local\"}").orElse(Double.NaN);
                    System.out.printf(Locale.ROOT, "| %.1f | %.1f | %.1f | %.1f | %d | %.0f | %d |%n",
                            (System.nanoTime() - start) / 60e9, manyHeap / 1048576.0, oneHeap / 1048576.0,
                            (manyHeap - oneHeap) / 1024.0 / (serviceTypes - 1), history.get("points").size(), refreshes,
                            JvmProbe.rssKib(many.pid()) / 1024);
                }
            } finally {
                changer.shutdownNow();
            }
            System.out.println("load average at the end: " + Machine.loadAverage());
            many.stop();
            one.stop();
        }
    }

    static String config(MetricsEndpoint endpoint, int serviceTypes) {
        StringBuilder yaml = new StringBuilder(ScalerhostProcess.serverSection()).append("""
                sources:
                  local:
                    type: metrics-endpoint
                    url: %s
                    refreshInterval: 1s
                    maxStaleness: 30s
                serviceTypes:
                """.formatted(endpoint.url()));
        for (int i = 0; i < serviceTypes; i++) {
            yaml.append("  st-").append(i).append(":\n")
                    .append("    source: local\n")
                    .append("    metric: ").append(METRIC).append('\n')
                    .append("    labels: {queue: q-").append(i).append("}\n")
                    .append("    target: 100\n");
        }
        return yaml.toString();
    }
}
