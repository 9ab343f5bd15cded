package dev.scalerhost.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigBinder;
import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.config.PluginKeys;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.SourceConfig;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** config/market-data-pipeline.yaml loads in the host and every binding prepares with this plugin. */
class MarketDataPipelineConfigTest {

    private static final Path CONFIG = Path.of("../../config/market-data-pipeline.yaml");
    private static final Map<String, MetricSourceProvider> PROVIDERS = Map.of(
            "prometheus", new PrometheusSourceProvider(), "metrics-endpoint", new MetricsEndpointSourceProvider());

    @Test
    void everySourceOpensAndEveryBindingPreparesWithoutProblems() throws Exception {
        ConfigDocument document = ConfigDocument.read(CONFIG, name -> null);
        HostConfig config = new ConfigBinder(document, Path.of("."))
                .bindWith(type -> PROVIDERS.containsKey(type) ? PluginKeys.of(PROVIDERS.get(type)) : null);
        Map<String, MetricSource> sources = new HashMap<>();
        try {
            for (SourceConfig source : config.sources().values()) {
                sources.put(source.name(), PROVIDERS.get(source.type()).open(source.settings(), Sources.context(source.name())));
            }
            Map<String, Metric> metrics = new HashMap<>();
            for (ServiceTypeConfig serviceType : config.serviceTypes().values()) {
                if (!serviceType.isComposite()) {
                    metrics.put(serviceType.serviceType(), sources.get(serviceType.source()).prepare(serviceType.params()));
                }
            }
            document.problems().addUnknownKeys(document);

            assertThat(document.problems().list()).extracting(ConfigProblem::render).isEmpty();
            assertThat(sources.get("prometheus").describe()).isEqualTo("http://prometheus:9090");
            assertThat(metrics).containsOnlyKeys("pipeline-queue-depth", "pipeline-backpressure",
                    "pipeline-rate-scale-low", "pipeline-ibkr-backpressure",
                    "pipeline-queue-depth-local", "pipeline-backpressure-local");
            assertThat(metrics.values()).extracting(Metric::describe).containsExactlyInAnyOrder(
                    "PromQL max(pipeline_feedback_queue_depth{source=\"store_coordinator\"})",
                    "PromQL max(pipeline_backpressure_state)",
                    "PromQL min(pipeline_rate_scale_factor) < 0.3",
                    "PromQL pipeline_backpressure_state{provider=\"ibkr\"} > 1",
                    "pipeline_feedback_queue_depth{source=\"store_coordinator\"}",
                    "pipeline_backpressure_state");
            assertThat(config.serviceTypes().get("pipeline-queue-depth").target()).isEqualTo(5000);
            assertThat(config.serviceTypes().get("pipeline-backpressure-local").target()).isEqualTo(1);
            assertThat(config.serviceTypes().get("pipeline-rate-scale-low").target()).isEqualTo(0.3);
            assertThat(config.serviceTypes().get("pipeline-ibkr-backpressure").target()).isEqualTo(1);
            assertThat(config.serviceTypes().get("pipeline-pressure").composite().describe())
                    .isEqualTo("max(pipeline-queue-depth, 2500*pipeline-backpressure)");
            assertThat(config.serviceTypes().get("pipeline-pressure-local").composite().describe())
                    .isEqualTo("max(pipeline-queue-depth-local, 2500*pipeline-backpressure-local)");
            assertThat(config.serviceTypes().get("pipeline-pressure").target()).isEqualTo(5000);
        } finally {
            for (MetricSource source : List.copyOf(sources.values())) {
                source.close();
            }
        }
    }
}
