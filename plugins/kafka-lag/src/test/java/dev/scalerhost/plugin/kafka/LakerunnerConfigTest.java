package dev.scalerhost.plugin.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.metrics.HostMetrics;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

class LakerunnerConfigTest {

    @Test
    void bindsTheElevenKafkaServiceTypesOfTheLakerunnerTableWithoutProblems() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        LoadedConfig lakerunner = LoadedConfig.load(LoadedConfig.LAKERUNNER, Map.of(), new HostMetrics(), scheduler);
        try {
            assertThat(lakerunner.problems()).isEmpty();
            assertThat(lakerunner.source().describe()).isEqualTo("localhost:9092 (PLAINTEXT)");
            assertThat(lakerunner.metrics()).hasSize(11).doesNotContainValue(null);
            assertThat(lakerunner.metrics().get("boxer-rollup-metrics").describe())
                    .isEqualTo("lag of group lakerunner.boxer.metrics.rollup on topic lakerunner.boxer.metrics.rollup");
            assertThat(lakerunner.metrics().get("ingest-logs").describe())
                    .isEqualTo("lag of group lakerunner.ingest.logs on topic lakerunner.objstore.ingest.logs");
            assertThat(lakerunner.metrics().get("rollup-metrics").describe())
                    .isEqualTo("lag of group lakerunner.rollup.metrics on topic lakerunner.segments.metrics.rollup");
        } finally {
            lakerunner.source().close();
            scheduler.shutdownNow();
        }
    }
}
