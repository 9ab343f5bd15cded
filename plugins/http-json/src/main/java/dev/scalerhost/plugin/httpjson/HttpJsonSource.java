package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.plugin.support.FailureLog;
import dev.scalerhost.plugin.support.http.HttpEndpoint;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One server of JSON documents. A batch sends one request per distinct URL, all at once, and every
 * binding of that URL reads its own number from the same document. A failed request fails the
 * bindings of its URL; a missing or non-numeric value fails only its binding. An outage is a
 * failure, never a value: serving the last value and then {@code UNAVAILABLE} is the host's job.
 */
final class HttpJsonSource implements MetricSource {

    private final Endpoint endpoint;
    private final DocumentFetcher fetcher;
    private final SourceMetrics metrics;
    private final FailureLog failures;

    HttpJsonSource(Endpoint endpoint, DocumentFetcher fetcher, SourceMetrics metrics, FailureLog failures) {
        this.endpoint = endpoint;
        this.fetcher = fetcher;
        this.metrics = metrics;
        this.failures = failures;
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
        Map<URI, CompletableFuture<Outcome>> byUrl = new LinkedHashMap<>();
        for (Metric metric : batch) {
            byUrl.computeIfAbsent(((JsonValueMetric) metric).url(), url -> timed(fetcher.fetch(url, deadline)));
        }
        awaitAll(byUrl.values(), deadline);
        Map<URI, Outcome> outcomes = new HashMap<>();
        byUrl.forEach((url, future) -> {
            Outcome outcome = future.getNow(null);
            if (outcome == null) {
                future.cancel(true);
                outcome = new Outcome.Failed("timeout", HttpEndpoint.describe(url)
                        + " did not answer before the measurement deadline");
            }
            if (outcome instanceof Outcome.Failed failed) {
                metrics.count("request_errors_total", 1, "cause", failed.cause());
            }
            outcomes.put(url, outcome);
        });
        Map<Metric, Reading> readings = new HashMap<>();
        for (Metric metric : batch) {
            JsonValueMetric binding = (JsonValueMetric) metric;
            readings.put(metric, reading(binding, outcomes.get(binding.url())));
        }
        return readings;
    }

    private CompletableFuture<Outcome> timed(CompletableFuture<Outcome> request) {
        long start = System.nanoTime();
        return request.whenComplete((outcome, error) ->
                metrics.time("request_duration_seconds", Duration.ofNanos(System.nanoTime() - start)));
    }

    private Reading reading(JsonValueMetric binding, Outcome outcome) {
        Reading reading = outcome instanceof Outcome.Document document
                ? binding.read(document.json())
                : Reading.failure(((Outcome.Failed) outcome).message());
        String subject = binding.describe();
        if (reading instanceof Reading.Failure failure) {
            if (outcome instanceof Outcome.Document) {
                metrics.count("value_errors_total", 1);
            }
            String message = endpoint.redact(failure.message());
            failures.failed(subject, message);
            return Reading.failure(message);
        }
        failures.succeeded(subject);
        return reading;
    }

    /** Waits until every request is done or the deadline passes; the caller reads each one on its own. */
    private static void awaitAll(Collection<CompletableFuture<Outcome>> futures, Deadline deadline)
            throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
                    .get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException doneOrExpired) {
            // an unfinished request fails only the bindings of its URL
        }
    }

    @Override
    public String describe() {
        return HttpEndpoint.describe(endpoint.http().url());
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
