package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.plugin.support.DeclaredSourceProvider;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SpiVersion;

/**
 * {@code type: http-json}: a number read from a JSON document served over HTTP, the equivalent of
 * KEDA's {@code metrics-api} scaler.
 *
 * <p>Source keys: {@code url}, {@code headers}, {@code bearerToken}, {@code username},
 * {@code password}, {@code tls.caFile}. Binding keys: {@code valueLocation} (a JSON Pointer such as
 * {@code /data/queue/depth} or a dotted path such as {@code data.queue.depth}), {@code url} (another
 * path or query on the source's server) and {@code format} ({@code json} only). KEDA's
 * {@code targetValue} and {@code activationTargetValue} are accepted for {@code target} and
 * {@code activation}. How long a request may take is the host's {@code timeout}.
 */
public final class HttpJsonSourceProvider extends DeclaredSourceProvider {

    public HttpJsonSourceProvider() {
        super("http-json", SpiVersion.CURRENT, HttpJsonKeys.SOURCE, HttpJsonKeys.BINDING);
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        return Endpoint.read(settings).map(endpoint -> new HttpJsonSource(endpoint, context)).orElse(null);
    }
}
