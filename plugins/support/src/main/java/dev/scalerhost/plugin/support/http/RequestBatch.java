package dev.scalerhost.plugin.support.http;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.SourceMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The distinct requests of one measurement, sent at once and awaited together until the deadline.
 * Each answered request is timed in {@code request_duration_seconds}; each failure, a request still
 * running at the deadline included, is counted in {@code request_errors_total} by its cause.
 *
 * @param <T> what an answer is interpreted as
 */
public final class RequestBatch<T> {

    private final SourceMetrics metrics;
    private final Map<URI, CompletableFuture<FetchResult<T>>> requests = new LinkedHashMap<>();

    public RequestBatch(SourceMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** Sends {@code request} for {@code uri}, unless this batch has already sent one for it. */
    public void send(URI uri, Function<URI, CompletableFuture<FetchResult<T>>> request) {
        requests.computeIfAbsent(uri, key -> {
            long start = System.nanoTime();
            return request.apply(key).whenComplete((result, error) ->
                    metrics.time("request_duration_seconds", Duration.ofNanos(System.nanoTime() - start)));
        });
    }

    /**
     * Waits until every request is done or the deadline passes. A request still running then is
     * cancelled and fails with the {@code timeout} cause and the message {@code unanswered} gives for its URI.
     *
     * @return the result of every URI sent
     */
    public Map<URI, FetchResult<T>> await(Deadline deadline, Function<URI, String> unanswered)
            throws InterruptedException {
        Answers.awaitAll(requests.values(), deadline);
        Map<URI, FetchResult<T>> results = new HashMap<>();
        requests.forEach((uri, future) -> {
            FetchResult<T> result = future.getNow(null);
            if (result == null) {
                future.cancel(true);
                result = FetchResult.failed("timeout", unanswered.apply(uri));
            }
            if (result instanceof FetchResult.Failed<T> failed) {
                metrics.count("request_errors_total", 1, "cause", failed.failure().cause());
            }
            results.put(uri, result);
        });
        return results;
    }
}
