package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.plugin.support.DeclaredSourceProvider;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code type: prometheus}: PromQL instant queries against a Prometheus-compatible HTTP API.
 *
 * <p>Source keys: {@code url} (or KEDA's {@code serverAddress}), {@code bearerToken}, {@code username},
 * {@code password}, {@code headers} (or KEDA's {@code customHeaders}), {@code tls} ({@code caFile},
 * {@code certFile}, {@code keyFile}), KEDA's {@code unsafeSsl}, {@code queryParameters}, {@code namespace}.
 * Binding keys: {@code query}, {@code aggregate}, {@code emptyAs}, KEDA's {@code ignoreNullValues} and
 * {@code namespace}; KEDA's {@code threshold} and {@code activationThreshold} are accepted for
 * {@code target} and {@code activation}. Maps may be given in KEDA's {@code k1=v1,k2=v2} form.
 * docs/keda-differences-prometheus.md says where it differs from KEDA's scaler, and why.
 */
public final class PrometheusSourceProvider extends DeclaredSourceProvider {

    public PrometheusSourceProvider() {
        super("prometheus", SpiVersion.CURRENT, PrometheusKeys.PROMETHEUS_SOURCE, PrometheusKeys.PROMETHEUS_BINDING);
    }

    /** KEDA's prometheus scaler reads {@code timeout: "1000"} as milliseconds. */
    @Override
    public boolean timeoutInBareMilliseconds() {
        return true;
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        Optional<EndpointSettings> endpoint = EndpointSettings.read(settings, false, EndpointSettings.Keys.KEDA_PROMETHEUS);
        Map<String, String> queryParameters = new LinkedHashMap<>(settings.stringMap("queryParameters"));
        if (queryParameters.containsKey("query")) {
            settings.problem("queryParameters", "must not set 'query'; the binding's query key does");
        }
        Optional<String> namespace = PrometheusSource.namespace(settings);
        if (namespace.isPresent() && queryParameters.containsKey(PrometheusSource.NAMESPACE)) {
            settings.problem("namespace", "is also set under queryParameters: give it once");
        }
        namespace.ifPresent(tenant -> queryParameters.put(PrometheusSource.NAMESPACE, tenant));
        if (endpoint.isEmpty() || settings.hasProblems()) {
            return null;
        }
        Logger log = LoggerFactory.getLogger(context.loggerName());
        if (endpoint.get().unsafeSsl()) {
            log.warn("source '{}': unsafeSsl is true: the TLS certificate of {} is NOT checked, so anyone on the path "
                    + "can answer its queries and steer scaling; set tls.caFile to the CA that issued it instead",
                    context.sourceName(), endpoint.get().describe());
        }
        return new PrometheusSource(endpoint.get(), queryParameters, context);
    }
}
