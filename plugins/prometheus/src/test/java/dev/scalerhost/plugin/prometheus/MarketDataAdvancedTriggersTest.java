package dev.scalerhost.plugin.prometheus;

import static dev.scalerhost.plugin.prometheus.Sources.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalerhost.host.config.ConfigBinder;
import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.config.PluginKeys;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.testservers.MetricsEndpoint;
import dev.scalerhost.testservers.PrometheusServer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The "Advanced Configuration" triggers of the market data pipeline's KEDA README, as the shipped
 * config/market-data-pipeline.yaml binds them, against a real Prometheus scraping the pipeline's gauges:
 * each filter query is its value while its condition holds and 0 (its emptyAs) while it does not.
 */
class MarketDataAdvancedTriggersTest {

    private static final Path CONFIG = Path.of("../../config/market-data-pipeline.yaml");

    private static MetricsEndpoint endpoint;
    private static PrometheusServer prometheus;
    private static HostConfig config;
    private static MetricSource source;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "prometheus is not installed");
        endpoint = MetricsEndpoint.start();
        endpoint.set(MetricsEndpoint.RATE_SCALE, 0.9, "provider", "ibkr")
                .set(MetricsEndpoint.RATE_SCALE, 1.0, "provider", "polygon")
                .set(MetricsEndpoint.BACKPRESSURE, 0, "provider", "ibkr")
                .set(MetricsEndpoint.BACKPRESSURE, 2, "provider", "polygon");
        prometheus = PrometheusServer.start(endpoint.url());
        prometheus.awaitFirstScrape(Duration.ofSeconds(30));
        ConfigDocument document = ConfigDocument.read(CONFIG,
                name -> name.equals("PROMETHEUS_URL") ? prometheus.url().toString() : null);
        PrometheusSourceProvider provider = new PrometheusSourceProvider();
        config = new ConfigBinder(document, Path.of(".")).bindWith(type -> PluginKeys.of(provider));
        source = provider.open(config.sources().get("prometheus").settings(), Sources.context("prometheus"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closing : new AutoCloseable[] {source, prometheus, endpoint}) {
            if (closing != null) {
                closing.close();
            }
        }
    }

    @Test
    void rateScaleTriggerIsTheLowestFactorWhileItIsBelowThirtyPercent() throws Exception {
        ServiceTypeConfig serviceType = config.serviceTypes().get("pipeline-rate-scale-low");
        Metric metric = source.prepare(serviceType.params());
        assertThat(serviceType.target()).as("threshold: 0.3").isEqualTo(0.3);

        endpoint.set(MetricsEndpoint.RATE_SCALE, 0.9, "provider", "ibkr");
        awaitValue(source, metric, 0);
        endpoint.set(MetricsEndpoint.RATE_SCALE, 0.2, "provider", "ibkr");
        awaitValue(source, metric, 0.2);
        assertThat(Math.ceil(0.2 / serviceType.target())).as("HPA AverageValue asks for one replica").isEqualTo(1);
        endpoint.set(MetricsEndpoint.RATE_SCALE, 0.5, "provider", "ibkr");
        awaitValue(source, metric, 0);
    }

    @Test
    void ibkrBackpressureTriggerIsTheStateWhileItIsHardAndIgnoresOtherProviders() throws Exception {
        ServiceTypeConfig serviceType = config.serviceTypes().get("pipeline-ibkr-backpressure");
        Metric metric = source.prepare(serviceType.params());
        assertThat(serviceType.target()).as("threshold: 1").isEqualTo(1);

        endpoint.set(MetricsEndpoint.BACKPRESSURE, 1, "provider", "ibkr");
        awaitValue(source, metric, 0);
        endpoint.set(MetricsEndpoint.BACKPRESSURE, 2, "provider", "ibkr");
        awaitValue(source, metric, 2);
        endpoint.set(MetricsEndpoint.BACKPRESSURE, 0, "provider", "ibkr");
        awaitValue(source, metric, 0);
    }
}
