package dev.scalerhost.it.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ResponseStream;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped market data pipeline config, run by the distribution against a real Prometheus that
 * scrapes the pipeline's gauges: values follow the gauges, the composite follows its weighted
 * parts, activation and StreamIsActive work on the composite, and the sidecar variant reads the
 * endpoint itself ({@link PrometheusOutageIT} shows it doing so while Prometheus is down).
 */
class MarketDataPipelineIT {

    private static PipelineSetup pipeline;

    @BeforeAll
    static void start() throws Exception {
        pipeline = PipelineSetup.start("market-data-pipeline");
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void prometheusServiceTypesFollowTheGaugesAsTheyAreScraped() {
        pipeline.gauges(1200, 0);
        pipeline.endpoint.set(MetricsEndpoint.BACKPRESSURE, 1, "provider", "polygon");

        KedaClient.Poll depth = pipeline.awaitValue("pipeline-queue-depth", 1200);
        assertThat(depth.metricName()).isEqualTo("pipeline-queue-depth");
        assertThat(depth.target()).isEqualTo(5000);
        assertThat(depth.valueInt()).as("the other source's 99999 is filtered out by label").isEqualTo(1200);
        assertThat(depth.active()).isTrue();
        assertThat(pipeline.awaitValue("pipeline-backpressure", 1).target())
                .as("the worst provider counts").isEqualTo(1);

        pipeline.gauges(7000, 2);
        assertThat(pipeline.awaitValue("pipeline-queue-depth", 7000).valueInt()).isEqualTo(7000);
        pipeline.awaitValue("pipeline-backpressure", 2);
    }

    @Test
    void compositeIsTheLargestWeightedPartAndFollowsEachPart() {
        pipeline.gauges(1200, 0);
        KedaClient.Poll calm = pipeline.awaitValue("pipeline-pressure", 1200);
        assertThat(calm.metricName()).isEqualTo("pipeline-pressure");
        assertThat(calm.target()).as("the composite's own target").isEqualTo(5000);

        pipeline.gauges(1200, 2);
        assertThat(pipeline.awaitValue("pipeline-pressure", 5000).valueInt())
                .as("hard backpressure weighs 2 x 2500 = one replica's worth of queue").isEqualTo(5000);

        pipeline.gauges(12_000, 2);
        KedaClient.Poll busy = pipeline.awaitValue("pipeline-pressure", 12_000);
        assertThat(Math.ceil(busy.value() / busy.target())).as("HPA AverageValue: ceil(12000 / 5000)").isEqualTo(3);
    }

    @Test
    void activationIsTheCompositesAndStreamIsActiveFiresWhenAPartFlipsIt() {
        pipeline.gauges(0, 0);
        KedaClient.Poll idle = pipeline.awaitValue("pipeline-pressure", 0);
        assertThat(idle.active()).as("0 > activation 0").isFalse();

        try (ResponseStream<Boolean> stream = pipeline.keda.openStreamIsActive("pipeline-pressure")) {
            assertThat(stream.next(Duration.ofSeconds(5))).as("the current state at once").isFalse();

            pipeline.gauges(0, 1);
            assertThat(stream.next(PipelineSetup.PROPAGATION)).as("soft backpressure alone activates").isTrue();
            KedaClient.Poll soft = pipeline.awaitValue("pipeline-pressure", 2500);
            assertThat(soft.active()).isTrue();
            assertThat(pipeline.keda.poll("pipeline-queue-depth").active()).as("the queue itself is still empty").isFalse();
        }
    }

    @Test
    void sidecarVariantReadsTheEndpointItself() {
        pipeline.gauges(3000, 2);

        assertThat(pipeline.awaitValue("pipeline-queue-depth-local", 3000).target()).isEqualTo(5000);
        pipeline.awaitValue("pipeline-backpressure-local", 2);
        assertThat(pipeline.awaitValue("pipeline-pressure-local", 5000).active()).isTrue();

        pipeline.gauges(8000, 0);
        assertThat(pipeline.awaitValue("pipeline-pressure-local", 8000).valueInt()).isEqualTo(8000);
    }

    @Test
    void statusShowsTheCompositeWithItsParts() throws Exception {
        pipeline.gauges(1200, 1);
        pipeline.awaitValue("pipeline-pressure", 2500);

        JsonNode pressure = new ObjectMapper().readTree(pipeline.host.http("/status").body())
                .get("serviceTypes").get("pipeline-pressure");

        assertThat(pressure.get("source").isNull()).isTrue();
        assertThat(pressure.get("metric").asText()).isEqualTo("max(pipeline-queue-depth, 2500*pipeline-backpressure)");
        assertThat(pressure.get("value").asDouble()).isEqualTo(2500);
        assertThat(pressure.get("target").asDouble()).isEqualTo(5000);
        assertThat(pressure.get("composite").get("operator").asText()).isEqualTo("max");
        JsonNode parts = pressure.get("composite").get("parts");
        assertThat(parts.fieldNames()).toIterable().containsExactly("pipeline-queue-depth", "pipeline-backpressure");
        assertThat(parts.get("pipeline-backpressure").get("weight").asDouble()).isEqualTo(2500);
        assertThat(parts.get("pipeline-backpressure").get("value").asDouble()).isEqualTo(1);
        assertThat(parts.get("pipeline-backpressure").get("weightedValue").asDouble()).isEqualTo(2500);
        assertThat(parts.get("pipeline-queue-depth").get("usable").asBoolean()).isTrue();
        assertThat(Optional.ofNullable(pressure.get("lastError")).filter(node -> !node.isNull())).isEmpty();
    }
}
