package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.plugin.support.DeclaredSourceProvider;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;

/**
 * {@code type: metrics-endpoint}: reads a workload's own Prometheus or OpenMetrics text endpoint,
 * e.g. {@code http://127.0.0.1:8000/metrics}, without a Prometheus server.
 *
 * <p>Source keys: {@code url}, {@code bearerToken}, {@code username},
 * {@code password}, {@code headers}, {@code tls} ({@code caFile}, {@code certFile}, {@code keyFile}).
 * Binding keys: {@code metric}, {@code labels}, {@code labelsRegex}, {@code aggregate}, {@code emptyAs}.
 */
public final class MetricsEndpointSourceProvider extends DeclaredSourceProvider {

    public MetricsEndpointSourceProvider() {
        super("metrics-endpoint", SpiVersion.CURRENT, PrometheusKeys.METRICS_ENDPOINT_SOURCE,
                PrometheusKeys.METRICS_ENDPOINT_BINDING);
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        return EndpointSettings.read(settings, true).map(endpoint -> new MetricsEndpointSource(endpoint, context))
                .orElse(null);
    }
}
