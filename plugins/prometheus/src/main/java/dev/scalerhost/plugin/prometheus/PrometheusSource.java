package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.plugin.prometheus.QueryResponse.Failed;
import dev.scalerhost.plugin.prometheus.QueryResponse.Outcome;
import dev.scalerhost.plugin.prometheus.QueryResponse.Samples;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceMetrics;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A Prometheus-compatible query API (Prometheus, Thanos, Mimir, ...): each binding is an instant
 * query; the distinct queries of a batch run concurrently, bounded by the deadline.
 */
final class PrometheusSource implements MetricSource {

    private static final String ACCEPT = "application/json";

    private final EndpointSettings endpoint;
    private final Map<String, String> queryParameters;
    private final HttpFetcher fetcher;
    private final SourceMetrics metrics;
    private final FailureLog failures;
    private final String target;

    PrometheusSource(EndpointSettings endpoint, Map<String, String> queryParameters, HttpFetcher fetcher,
                     SourceMetrics metrics, FailureLog failures) {
        this.endpoint = endpoint;
        this.queryParameters = Map.copyOf(queryParameters);
        this.fetcher = fetcher;
        this.metrics = metrics;
        this.failures = failures;
        this.target = "Prometheus at " + endpoint.describe();
    }

    @Override
    public Metric prepare(Settings params) {
        String query = params.string("query");
        if (query != null && query.isBlank()) {
            params.problem("query", "must not be empty");
        }
        ValuePolicy policy = ValuePolicy.read(params);
        return params.hasProblems() ? null : new PromQlMetric(query.strip(), policy);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws InterruptedException {
        Map<String, CompletableFuture<Outcome>> byQuery = new LinkedHashMap<>();
        for (Metric metric : batch) {
            byQuery.computeIfAbsent(((PromQlMetric) metric).query(), query -> query(query, deadline));
        }
        Responses.awaitAll(byQuery.values(), deadline);
        Map<String, Outcome> outcomes = new HashMap<>();
        byQuery.forEach((query, future) -> {
            Outcome outcome = future.getNow(null);
            if (outcome == null) {
                future.cancel(true);
                outcome = new Failed(new FetchFailure("timeout", target + " did not answer query '" + query
                        + "' before the measurement deadline"));
                metrics.count("request_errors_total", 1, "cause", "timeout");
            }
            outcomes.put(query, outcome);
        });
        Map<Metric, Reading> readings = new HashMap<>();
        for (Metric metric : batch) {
            PromQlMetric promQl = (PromQlMetric) metric;
            readings.put(metric, reading(promQl, outcomes.get(promQl.query())));
        }
        return readings;
    }

    private CompletableFuture<Outcome> query(String query, Deadline deadline) {
        long start = System.nanoTime();
        return fetcher.get(uri(query), ACCEPT, deadline).handle((response, error) -> {
            metrics.time("request_duration_seconds", Duration.ofNanos(System.nanoTime() - start));
            Outcome outcome = error != null
                    ? new Failed(FetchFailure.of(error, target, endpoint.overTls()))
                    : QueryResponse.read(response.statusCode(), response.body(), target, query);
            if (outcome instanceof Failed failed) {
                metrics.count("request_errors_total", 1, "cause", failed.failure().cause());
            }
            return outcome;
        });
    }

    private Reading reading(PromQlMetric metric, Outcome outcome) {
        String subject = "query '" + metric.query() + "'";
        Reading reading = outcome instanceof Samples samples
                ? metric.policy().apply(samples.series(), subject, "returned no series; check its label selectors")
                : Reading.failure(((Failed) outcome).failure().message());
        if (reading instanceof Reading.Failure failure) {
            if (outcome instanceof Samples) {
                metrics.count("request_errors_total", 1, "cause", "result_policy");
            }
            String message = endpoint.redact(failure.message());
            failures.failed(subject, message);
            return Reading.failure(message);
        }
        failures.succeeded(subject);
        return reading;
    }

    private URI uri(String query) {
        String base = endpoint.url().toString().replaceAll("/+$", "");
        StringBuilder uri = new StringBuilder(base).append("/api/v1/query?query=").append(encode(query));
        queryParameters.forEach((name, value) -> uri.append('&').append(encode(name)).append('=').append(encode(value)));
        return URI.create(uri.toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String describe() {
        return endpoint.describe();
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
