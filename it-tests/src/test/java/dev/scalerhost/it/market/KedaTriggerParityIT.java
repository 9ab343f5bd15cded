package dev.scalerhost.it.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KEDA triggers moved over unchanged, through the built distribution running the shipped market data
 * pipeline config against a real Prometheus: the seed's advanced triggers (filter queries with emptyAs),
 * a negative value as KEDA reads it, and KEDA's threshold in a ScaledObject's metadata where the binding
 * does not allow overrides.
 */
class KedaTriggerParityIT {

    private static final String RATE_SCALE_LOW = "pipeline-rate-scale-low";
    private static final String IBKR_BACKPRESSURE = "pipeline-ibkr-backpressure";

    private static PipelineSetup pipeline;

    @BeforeAll
    static void start() throws Exception {
        pipeline = PipelineSetup.start("keda-trigger-parity");
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void advancedTriggersAreTheirValueWhileTheConditionHoldsAndZeroOtherwise() {
        pipeline.endpoint.set(MetricsEndpoint.RATE_SCALE, 0.9, "provider", "ibkr");
        KedaClient.Poll fine = pipeline.awaitValue(RATE_SCALE_LOW, 0);
        assertThat(fine.target()).as("threshold: 0.3").isEqualTo(0.3);
        assertThat(fine.active()).isFalse();
        pipeline.endpoint.set(MetricsEndpoint.RATE_SCALE, 0.2, "provider", "ibkr");
        assertThat(pipeline.awaitValue(RATE_SCALE_LOW, 0.2).active()).isTrue();

        pipeline.gauges(0, 1);
        assertThat(pipeline.awaitValue(IBKR_BACKPRESSURE, 0).target()).as("threshold: 1").isEqualTo(1);
        pipeline.gauges(0, 2);
        KedaClient.Poll hard = pipeline.awaitValue(IBKR_BACKPRESSURE, 2);
        assertThat(hard.active()).isTrue();
        assertThat(Math.ceil(hard.value() / hard.target())).as("HPA asks for 2 replicas").isEqualTo(2);
    }

    @Test
    void negativeValueReachesKedaAsItsRoundedInteger() {
        pipeline.endpoint.set(MetricsEndpoint.RATE_SCALE, -2.75, "provider", "ibkr");
        KedaClient.Poll negative = pipeline.awaitValue(RATE_SCALE_LOW, -2.75);

        assertThat(negative.valueInt()).isEqualTo(-3);
        double kedaReads = negative.value() > 0 ? negative.value() : negative.valueInt();
        assertThat(kedaReads).as("KEDA uses the float only when it is > 0, else the int64").isEqualTo(-3);
        assertThat(negative.active()).isFalse();
    }

    @Test
    void kedaThresholdInMetadataIsIgnoredAndReportedWhereOverridesAreNotAllowed() throws Exception {
        KedaClient.Poll poll = pipeline.keda.poll(pipeline.keda.ref(IBKR_BACKPRESSURE, Map.of("threshold", "7")),
                Optional.empty());
        pipeline.keda.poll(pipeline.keda.ref(IBKR_BACKPRESSURE, Map.of("threshold", "7")), Optional.empty());
        assertThat(poll.target()).as("the configured threshold").isEqualTo(1);

        JsonNode ignored = new ObjectMapper().readTree(pipeline.host.http("/status").body()).get("ignoredTriggerMetadata");
        assertThat(ignored).hasSize(1);
        assertThat(ignored.get(0).get("scaledObject").asText()).isEqualTo("default/so-" + IBKR_BACKPRESSURE);
        assertThat(ignored.get(0).get("keys").get(0).asText()).isEqualTo("threshold");
        String message = ignored.get(0).get("message").asText();
        assertThat(message).contains("threshold=7 is ignored", "metadataOverrides", "the configured target 1 applies");
        assertThat(pipeline.host.log().split(java.util.regex.Pattern.quote(message), -1)).as("logged once").hasSize(2);
    }
}
