package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.metrics.Promtool;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.KafkaFixture;
import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.MetricsEndpoint;
import dev.scalerhost.testservers.PrometheusServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code promtool check metrics} finds neither an error nor a warning on a running host's
 * {@code /metrics} once its plugins (kafka-lag, prometheus, metrics-endpoint) have measured, one of
 * them failing, and KEDA has called.
 */
class MetricsPromtoolIT {

    private final Distribution distribution = Distribution.unpacked();

    @Test
    void promtoolFindsNothingOnARunningHostsMetrics() throws Exception {
        Promtool.require();
        try (KafkaBroker broker = KafkaBroker.started();
                PrometheusServer prometheus = PrometheusServer.start(URI.create("http://127.0.0.1:1/metrics"));
                MetricsEndpoint pipeline = MetricsEndpoint.start()) {
            try (KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
                kafka.createTopics(List.of("lint"), 1);
                kafka.produce("lint", 5);
                kafka.commit("lint", "lint", 1);
            }
            pipeline.set(MetricsEndpoint.QUEUE_DEPTH, 7, "source", "store_coordinator");
            try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("promtool").config(
                    ScalerhostProcess.serverSection() + """
                    sources:
                      kafka: {type: kafka-lag, bootstrapServers: "%s", refreshInterval: 1s}
                      prom: {type: prometheus, url: "%s", refreshInterval: 1s}
                      pipeline: {type: metrics-endpoint, url: "%s", refreshInterval: 1s}
                      unreachable: {type: prometheus, url: "http://127.0.0.1:1", refreshInterval: 1s}
                    serviceTypes:
                      lag: {source: kafka, topic: lint, consumerGroup: lint, target: 10}
                      depth: {source: prom, query: "vector(3)", target: 2}
                      queue: {source: pipeline, metric: pipeline_feedback_queue_depth, aggregate: max, target: 5}
                      gone: {source: unreachable, query: "vector(1)", target: 1}
                      pressure: {composite: max, of: {depth: 1, queue: 1}, target: 4}
                    """.formatted(broker.bootstrapServers(), prometheus.url(), pipeline.url())).start();
                    KedaClient keda = KedaClient.connect(host.grpcPort())) {
                keda.awaitConnected(Duration.ofSeconds(10));
                await().atMost(Duration.ofSeconds(30)).until(() -> keda.poll("lag").value() == 4.0);
                assertThat(keda.poll("pressure").value()).isEqualTo(7.0);
                await().atMost(Duration.ofSeconds(30)).until(() -> host.http("/metrics").body()
                        .contains("scalerhost_source_request_errors_total{cause="));
                String metrics = host.http("/metrics").body();
                assertThat(metrics).contains("# HELP scalerhost_rpc_seconds ", "scalerhost_rpc_seconds_bucket{",
                        "scalerhost_source_requests_total{", "scalerhost_value_detail{");

                Promtool.assertClean(metrics.getBytes(StandardCharsets.UTF_8));
                host.stop();
            }
        }
    }
}
