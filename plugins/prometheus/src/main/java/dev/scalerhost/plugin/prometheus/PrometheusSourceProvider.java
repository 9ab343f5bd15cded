package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * {@code type: prometheus}: PromQL instant queries against a Prometheus-compatible HTTP API.
 *
 * <p>Source keys: {@code url}, {@code bearerToken}, {@code username},
 * {@code password}, {@code headers}, {@code tls} ({@code caFile}, {@code certFile}, {@code keyFile}),
 * {@code queryParameters}. Binding keys: {@code query}, {@code aggregate}, {@code emptyAs}; KEDA's
 * {@code threshold} and {@code activationThreshold} are accepted for {@code target} and {@code activation}.
 */
public final class PrometheusSourceProvider implements MetricSourceProvider {

    @Override
    public String type() {
        return "prometheus";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public Map<String, String> bindingKeyAliases() {
        return Map.of("threshold", "target", "activationThreshold", "activation");
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        Optional<EndpointSettings> endpoint = EndpointSettings.read(settings, false);
        Map<String, String> queryParameters = settings.stringMap("queryParameters");
        if (queryParameters.containsKey("query")) {
            settings.problem("queryParameters", "must not set 'query'; the binding's query key does");
        }
        if (endpoint.isEmpty() || settings.hasProblems()) {
            return null;
        }
        return new PrometheusSource(endpoint.get(), queryParameters,
                new HttpFetcher(endpoint.get(), "scalerhost-prometheus-" + context.sourceName()),
                context.metrics(), new FailureLog(LoggerFactory.getLogger(context.loggerName())));
    }
}
