package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ResponseStream;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live configuration reload of the built distribution: a ConfigMap-style file swap and SIGHUP load
 * the file again while the ports stay open; an invalid file is rejected and the old one serves.
 */
class ConfigReloadIT {

    private static final Duration RELOAD_WAIT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static MetricsEndpoint pipeline;
    private final Distribution distribution = Distribution.unpacked();

    @BeforeAll
    static void startEndpoint() throws Exception {
        pipeline = MetricsEndpoint.start();
        pipeline.set(MetricsEndpoint.QUEUE_DEPTH, 0, "source", "store_coordinator");
        pipeline.set(MetricsEndpoint.BACKPRESSURE, 0);
    }

    @AfterAll
    static void stopEndpoint() {
        pipeline.close();
    }

    private static String config(double queueTarget, boolean withBackpressure) {
        return ScalerhostProcess.serverSection() + """
                sources:
                  pipeline:
                    type: metrics-endpoint
                    url: %s
                    refreshInterval: 200ms
                serviceTypes:
                  queue-depth:
                    source: pipeline
                    metric: pipeline_feedback_queue_depth
                    aggregate: max
                    target: %s
                    activation: 10
                """.formatted(pipeline.url(), queueTarget) + (withBackpressure ? """
                  backpressure:
                    source: pipeline
                    metric: pipeline_backpressure_state
                    aggregate: max
                    target: 1
                    activation: 0
                """ : "");
    }

    private static JsonNode reloadStatus(ScalerhostProcess host) throws Exception {
        return JSON.readTree(host.http("/status").body()).path("config");
    }

    private static double target(KedaClient keda, String serviceType) {
        return keda.getMetricSpec(keda.ref(serviceType), Optional.empty()).getMetricSpecs(0).getTargetSizeFloat();
    }

    @Test
    void configMapUpdateSwapsServiceTypesWhileAnOpenStreamKeepsGettingTransitions() throws Exception {
        pipeline.set(MetricsEndpoint.QUEUE_DEPTH, 0, "source", "store_coordinator");
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("reload-configmap")
                .configMapVolume().config(config(5000, false)).start();
                KedaClient keda = KedaClient.connect(host.grpcPort());
                ResponseStream<Boolean> stream = keda.openStreamIsActive("queue-depth")) {
            assertThat(stream.next(Duration.ofSeconds(10))).isFalse();
            assertThat(target(keda, "queue-depth")).isEqualTo(5000);

            host.updateConfig(config(8000, true));

            await().atMost(RELOAD_WAIT).until(() -> target(keda, "queue-depth") == 8000);
            assertThat(keda.poll("backpressure").value()).isEqualTo(0);
            assertThat(host.log()).contains("configuration reloaded (the file changed)", "added: backpressure",
                    "sources kept: pipeline; opened: none; closed: none");
            JsonNode status = reloadStatus(host);
            assertThat(status.path("reloads").asInt()).isEqualTo(1);
            assertThat(status.path("lastReloadError").isNull()).isTrue();

            pipeline.set(MetricsEndpoint.QUEUE_DEPTH, 50, "source", "store_coordinator");
            assertThat(stream.next(Duration.ofSeconds(10))).as("transition measured by the reloaded engine").isTrue();
            assertThat(stream.hasEnded()).isFalse();
            host.stop();
        }
    }

    @Test
    void aServiceTypeRemovedByAReloadLeavesNoSeriesOnMetrics() throws Exception {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("reload-metrics")
                .config(config(5000, true)).start();
                KedaClient keda = KedaClient.connect(host.grpcPort())) {
            assertThat(keda.poll("backpressure").value()).isEqualTo(0);
            assertThat(host.http("/metrics").body()).contains("scalerhost_value{service_type=\"backpressure\"}",
                    "scalerhost_target{service_type=\"backpressure\"}");

            host.updateConfig(config(8000, false));

            await().atMost(RELOAD_WAIT).until(() -> target(keda, "queue-depth") == 8000);
            // The replaced engine keeps answering the calls that started on it, for their longest timeout;
            // its series go when it closes, and the new engine's stay.
            await().atMost(Duration.ofSeconds(45)).until(() -> host.http("/metrics").body().lines()
                    .filter(line -> line.startsWith("scalerhost_value") || line.startsWith("scalerhost_target"))
                    .noneMatch(line -> line.contains("backpressure")));
            assertThat(host.http("/metrics").body()).contains("scalerhost_value{service_type=\"queue-depth\"}",
                    "scalerhost_target{service_type=\"queue-depth\"} 8000.0",
                    "scalerhost_value_age_seconds{service_type=\"queue-depth\"}", "scalerhost_stream_listeners ");
            host.stop();
        }
    }

    @Test
    void invalidFileIsRejectedWithItsProblemsInStatusAndTheOldConfigKeepsServing() throws Exception {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("reload-invalid")
                .config(config(5000, true)).start();
                KedaClient keda = KedaClient.connect(host.grpcPort())) {
            host.updateConfig(config(5000, true).replace("target: 1\n", "target: -1\n").replace("aggregate: max\n    target: 5",
                    "aggregate: max\n    tagret: 7\n    target: 5"));

            await().atMost(RELOAD_WAIT).until(() -> !reloadStatus(host).path("lastReloadError").isNull());
            String error = reloadStatus(host).path("lastReloadError").asText();
            assertThat(error).contains("serviceTypes.backpressure.target", "serviceTypes.queue-depth.tagret");
            assertThat(reloadStatus(host).path("reloads").asInt()).isZero();
            assertThat(host.log()).contains("rejected; the previous configuration keeps serving",
                    "serviceTypes.backpressure.target");
            assertThat(keda.poll("backpressure").target()).isEqualTo(1);
            assertThat(keda.poll("queue-depth").target()).isEqualTo(5000);
            assertThat(host.http("/readyz").status()).isEqualTo(200);

            host.updateConfig(config(6000, false));

            await().atMost(RELOAD_WAIT).until(() -> reloadStatus(host).path("reloads").asInt() == 1);
            assertThat(reloadStatus(host).path("lastReloadError").isNull()).isTrue();
            assertThat(target(keda, "queue-depth")).isEqualTo(6000);
            StatusRuntimeException removed = org.junit.jupiter.api.Assertions.assertThrows(StatusRuntimeException.class,
                    () -> keda.poll("backpressure"));
            assertThat(removed.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
            host.stop();
        }
    }

    @Test
    void sighupLoadsTheFileAgainAtOnce() throws Exception {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("reload-sighup")
                .config(config(5000, false)).start();
                KedaClient keda = KedaClient.connect(host.grpcPort())) {
            host.signal("HUP");

            await().atMost(RELOAD_WAIT).until(() -> reloadStatus(host).path("reloads").asInt() == 1);
            assertThat(host.log()).contains("configuration reloaded (SIGHUP)", "sources kept: pipeline");
            assertThat(keda.poll("queue-depth").target()).isEqualTo(5000);
            assertThat(host.isAlive()).isTrue();
            host.stop();
        }
    }
}
