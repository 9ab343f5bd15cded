package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.plugin.support.FailureLog;
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
public final class HttpJsonSourceProvider implements MetricSourceProvider {

    @Override
    public String type() {
        return "http-json";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public List<ConfigKey> sourceKeys() {
        return HttpJsonKeys.SOURCE;
    }

    @Override
    public List<ConfigKey> bindingKeys() {
        return HttpJsonKeys.BINDING;
    }

    @Override
    public MetricSource open(Settings settings, SourceContext context) {
        Optional<Endpoint> endpoint = Endpoint.read(settings);
        if (endpoint.isEmpty()) {
            return null;
        }
        DocumentFetcher fetcher = new DocumentFetcher(endpoint.get(), "scalerhost-http-json-" + context.sourceName());
        return new HttpJsonSource(endpoint.get(), fetcher, context.metrics(),
                new FailureLog(LoggerFactory.getLogger(context.loggerName())));
    }
}
