package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.plugin.support.http.FetchResult;
import dev.scalerhost.plugin.support.http.HttpSource;
import dev.scalerhost.plugin.support.http.RequestBatch;
import dev.scalerhost.plugin.support.http.RequestFailure;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Prometheus-compatible query API (Prometheus, Thanos, Mimir, ...): each binding is an instant
 * query; the distinct queries of a batch run concurrently, bounded by the deadline.
 */
final class PrometheusSource extends HttpSource {

    /** The query parameter of KEDA's {@code namespace} key, read by Thanos Querier and Cortex-style tenancy. */
    static final String NAMESPACE = "namespace";
    private static final String ACCEPT = "application/json";

    private final EndpointSettings endpoint;
    private final Map<String, String> queryParameters;
    private final String target;

    PrometheusSource(EndpointSettings endpoint, Map<String, String> queryParameters, SourceContext context) {
        super(endpoint.http(), "scalerhost-prometheus", context);
        this.endpoint = endpoint;
        this.queryParameters = Collections.unmodifiableMap(new LinkedHashMap<>(queryParameters));
        this.target = "Prometheus at " + endpoint.describe();
    }

    /** KEDA's {@code namespace} key of a source or binding, if set. */
    static Optional<String> namespace(Settings settings) {
        Optional<String> namespace = settings.optionalString(NAMESPACE).map(String::strip);
        if (namespace.isPresent() && namespace.get().isEmpty()) {
            settings.problem(NAMESPACE, "must not be empty");
            return Optional.empty();
        }
        return namespace;
    }

    @Override
    public Metric prepare(Settings params) {
        String query = params.string("query");
        if (query != null && query.isBlank()) {
            params.problem("query", "must not be empty");
        }
        ValuePolicy policy = ValuePolicy.read(params, true);
        String namespace = namespace(params).orElse(null);
        if (query != null && !policy.valuesEmptyResult()) {
            PromQlShape.filteringComparison(query).ifPresent(operator -> params.problem("query", "its outer operation "
                    + "is the comparison '" + operator + "' without bool, which returns no series at all while the "
                    + "condition is false; set emptyAs: 0 (or ignoreNullValues: true, as KEDA reads it) to give that a "
                    + "value, or write '" + operator + " bool' to get 1 or 0"));
        }
        return params.hasProblems() ? null : new PromQlMetric(query.strip(), namespace, policy);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws InterruptedException {
        RequestBatch<List<Series>> requests = new RequestBatch<>(metrics());
        for (Metric metric : batch) {
            PromQlMetric promQl = (PromQlMetric) metric;
            requests.send(uri(promQl), uri -> query(uri, promQl.query(), deadline));
        }
        Map<URI, FetchResult<List<Series>>> answers = requests.await(deadline,
                uri -> target + " did not answer query '" + query(uri) + "' before the measurement deadline");
        Map<Metric, Reading> readings = new HashMap<>();
        for (Metric metric : batch) {
            PromQlMetric promQl = (PromQlMetric) metric;
            readings.put(metric, reading(promQl, answers.get(uri(promQl))));
        }
        return readings;
    }

    private CompletableFuture<FetchResult<List<Series>>> query(URI uri, String query, Deadline deadline) {
        return fetcher().get(uri, ACCEPT, deadline, HttpResponse.BodyHandlers.ofString()).handle((response, error) ->
                error != null ? new FetchResult.Failed<>(RequestFailure.of(error, target, http().overTls()))
                        : QueryResponse.read(response.statusCode(), response.body(), target, query));
    }

    private Reading reading(PromQlMetric metric, FetchResult<List<Series>> answer) {
        String subject = "query '" + metric.query() + "'";
        if (answer instanceof FetchResult.Failed<List<Series>> failed) {
            return report(subject, Reading.failure(failed.failure().message()));
        }
        Reading reading = metric.policy().apply(((FetchResult.Content<List<Series>>) answer).value(), subject,
                "returned no series; check its label selectors");
        if (reading instanceof Reading.Failure) {
            metrics().count("request_errors_total", 1, "cause", "result_policy");
        }
        return report(subject, reading);
    }

    private URI uri(PromQlMetric metric) {
        String base = http().url().toString().replaceAll("/+$", "");
        StringBuilder uri = new StringBuilder(base).append("/api/v1/query?query=").append(encode(metric.query()));
        Map<String, String> parameters = new LinkedHashMap<>(queryParameters);
        if (metric.namespace() != null) {
            parameters.put(NAMESPACE, metric.namespace());
        }
        parameters.forEach((name, value) -> uri.append('&').append(encode(name)).append('=').append(encode(value)));
        return URI.create(uri.toString());
    }

    /** The PromQL of a request URI, for messages. */
    private static String query(URI uri) {
        String raw = uri.getRawQuery();
        int end = raw.indexOf('&');
        return URLDecoder.decode(raw.substring("query=".length(), end < 0 ? raw.length() : end), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }
}
