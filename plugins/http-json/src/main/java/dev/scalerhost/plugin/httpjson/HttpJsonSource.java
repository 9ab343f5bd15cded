package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.plugin.support.http.FetchResult;
import dev.scalerhost.plugin.support.http.HttpEndpoint;
import dev.scalerhost.plugin.support.http.HttpSource;
import dev.scalerhost.plugin.support.http.RequestBatch;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One server of JSON documents. A batch sends one request per distinct URL, all at once, and every
 * binding of that URL reads its own number from the same document. A failed request fails the
 * bindings of its URL; a missing or non-numeric value fails only its binding. An outage is a
 * failure, never a value: serving the last value and then {@code UNAVAILABLE} is the host's job.
 * Each request is bounded by the measurement deadline and its body by {@link JsonResponse#MAX_BODY_BYTES}.
 */
final class HttpJsonSource extends HttpSource {

    private final Endpoint endpoint;

    HttpJsonSource(Endpoint endpoint, SourceContext context) {
        super(endpoint.http(), "scalerhost-http-json", context);
        this.endpoint = endpoint;
    }

    @Override
    public Metric prepare(Settings params) {
        params.oneOf("format", "json", "json");
        URI url = endpoint.resolve(params);
        ValueLocation location = ValueLocation.read(params);
        return params.hasProblems() ? null : new JsonValueMetric(url, location);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws InterruptedException {
        RequestBatch<JsonDocument> requests = new RequestBatch<>(metrics());
        for (Metric metric : batch) {
            requests.send(((JsonValueMetric) metric).url(), url -> fetch(url, deadline));
        }
        Map<URI, FetchResult<JsonDocument>> documents = requests.await(deadline,
                url -> HttpEndpoint.describe(url) + " did not answer before the measurement deadline");
        Map<Metric, Reading> readings = new HashMap<>();
        for (Metric metric : batch) {
            JsonValueMetric binding = (JsonValueMetric) metric;
            readings.put(metric, reading(binding, documents.get(binding.url())));
        }
        return readings;
    }

    /** GETs {@code url}; the future always completes normally, with a document or a failure. */
    private CompletableFuture<FetchResult<JsonDocument>> fetch(URI url, Deadline deadline) {
        String target = HttpEndpoint.describe(url);
        return fetcher().get(url, "application/json", deadline, CappedBody.handler(JsonResponse.MAX_BODY_BYTES))
                .handle((answer, error) -> error != null
                        ? JsonResponse.failed(error, target, "https".equals(url.getScheme()))
                        : JsonResponse.read(answer.statusCode(), answer.body(),
                                answer.headers().firstValue("Content-Type").orElse("no content type"), target));
    }

    private Reading reading(JsonValueMetric binding, FetchResult<JsonDocument> document) {
        if (document instanceof FetchResult.Failed<JsonDocument> failed) {
            return report(binding.describe(), Reading.failure(failed.failure().message()));
        }
        Reading reading = binding.read(((FetchResult.Content<JsonDocument>) document).value());
        if (reading instanceof Reading.Failure) {
            metrics().count("value_errors_total", 1);
        }
        return report(binding.describe(), reading);
    }

    @Override
    public String describe() {
        return HttpEndpoint.describe(http().url());
    }
}
