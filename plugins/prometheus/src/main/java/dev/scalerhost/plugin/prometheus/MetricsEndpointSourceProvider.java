package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.plugin.support.FailureLog;
import dev.scalerhost.plugin.support.http.HttpFetcher;
import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code type: metrics-endpoint}: reads a workload's own Prometheus or OpenMetrics text endpoint,
 * e.g. {@code http://127.0.0.1:8000/metrics}, without a Prometheus server.
 *
 * <p>Source keys: {@code url}, {@code bearerToken}, {@code username},
 * {@code password}, {@code headers}, {@code tls} ({@code caFile}, {@code certFile}, {@code keyFile}).
 * Binding keys: {@code metric}, {@code labels}, {@code labelsRegex}, {@code aggregate}, {@code emptyAs}.
 */
public final class MetricsEndpointSourceProvider implements MetricSourceProvider {

    @Override
    public String type() {
        return "metrics-endpoint";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigKey> sourceKeys() {
        return PrometheusKeys.METRICS_ENDPOINT_SOURCE;
    }

    @Override
    public List<ConfigKey> bindingKeys() {
        return PrometheusKeys.METRICS_ENDPOINT_BINDING;
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        Optional<EndpointSettings> endpoint = EndpointSettings.read(settings, true);
        if (endpoint.isEmpty()) {
            return null;
        }
        return new MetricsEndpointSource(endpoint.get(),
                new HttpFetcher(endpoint.get().http(), "scalerhost-metrics-endpoint-" + context.sourceName()),
                context.metrics(), new FailureLog(LoggerFactory.getLogger(context.loggerName())));
    }
}
