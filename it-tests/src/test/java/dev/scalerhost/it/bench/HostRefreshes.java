package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.MetricsText;
import dev.scalerhost.testservers.KafkaRequestCounter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the host with one Kafka source and watches its background refreshes on {@code /metrics}:
 * for each refresh, the plugin's {@code refresh_duration}, its {@code requests_last_refresh} (Admin
 * calls), the engine's batch size, and the requests the broker received in between. The first
 * refresh (a cold JVM, and the partition lists read once) is left out.
 */
final class HostRefreshes {

    private static final Duration SCRAPE_EVERY = Duration.ofMillis(50);
    private static final Duration PATIENCE = Duration.ofMinutes(3);

    record Result(List<Long> nanos, List<Double> adminCalls, List<Long> brokerRequests, Map<String, Long> lastByApi,
                  List<Long> batchSizes) {
    }

    private record Sample(double count, double seconds, double batches, double batchSum, double adminCalls) {
    }

    private HostRefreshes() {
    }

    static Result measure(Distribution distribution, String bootstrapServers, String config, int refreshes,
                          KafkaRequestCounter requests) throws Exception {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution)
                .name("kafka-lag-benchmark")
                .config(config)
                .env("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers)
                .readyTimeout(PATIENCE)
                .start()) {
            List<Long> nanos = new ArrayList<>();
            List<Double> adminCalls = new ArrayList<>();
            List<Long> brokerRequests = new ArrayList<>();
            List<Long> batchSizes = new ArrayList<>();
            Map<String, Long> byApi = Map.of();
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            Sample previous = awaitRefresh(host, null, deadline);
            Map<String, Long> before = requests.counts();
            while (nanos.size() < refreshes) {
                Sample current = awaitRefresh(host, previous, deadline);
                Map<String, Long> after = requests.counts();
                double refreshed = current.count() - previous.count();
                byApi = KafkaRequestCounter.delta(before, after);
                nanos.add((long) ((current.seconds() - previous.seconds()) / refreshed * 1e9));
                adminCalls.add(current.adminCalls());
                brokerRequests.add(Math.round(KafkaRequestCounter.total(byApi) / refreshed));
                batchSizes.add(Math.round((current.batchSum() - previous.batchSum()) / (current.batches() - previous.batches())));
                System.out.printf("host refresh %d: %.0f ms, %.0f Admin calls, %d broker requests %s%s%n", nanos.size(),
                        nanos.get(nanos.size() - 1) / 1e6, current.adminCalls(), brokerRequests.get(brokerRequests.size() - 1),
                        byApi, refreshed > 1 ? " (averaged over " + refreshed + " refreshes between two scrapes)" : "");
                previous = current;
                before = after;
            }
            host.stop();
            return new Result(nanos, adminCalls, brokerRequests, byApi, batchSizes);
        }
    }

    /**
     * Scrapes until both the plugin's refresh count and the engine's batch count pass {@code previous}'s
     * (the engine records the batch just after the plugin returns).
     */
    private static Sample awaitRefresh(ScalerhostProcess host, Sample previous, long deadline) throws InterruptedException {
        double seen = previous == null ? 0 : previous.count();
        double seenBatches = previous == null ? 0 : previous.batches();
        while (System.nanoTime() < deadline) {
            Sample sample = scrape(host);
            if (sample.count() > seen && sample.batches() > seenBatches) {
                return sample;
            }
            Thread.sleep(SCRAPE_EVERY.toMillis());
        }
        throw host.failure("no refresh of the kafka source within " + PATIENCE);
    }

    private static Sample scrape(ScalerhostProcess host) {
        MetricsText metrics = MetricsText.parse(host.http("/metrics").body());
        return new Sample(
                metrics.value("scalerhost_source_refresh_duration_count", "source", "kafka").orElse(0.0),
                metrics.value("scalerhost_source_refresh_duration_sum", "source", "kafka").orElse(0.0),
                metrics.value("scalerhost_measurement_batch_size_count", "source", "kafka").orElse(0.0),
                metrics.value("scalerhost_measurement_batch_size_sum", "source", "kafka").orElse(0.0),
                metrics.value("scalerhost_source_requests_last_refresh", "source", "kafka").orElse(Double.NaN));
    }
}
