package dev.scalerhost.plugin.support;

import dev.scalerhost.spi.SourceMetrics;
import java.time.Duration;
import java.util.Objects;

/**
 * One request of a measurement to a source's backend, as the sources make it: its duration in
 * {@code request_duration_seconds}; a failure counted in {@code request_errors_total}, logged once and
 * rethrown; a success ends a logged failure.
 */
public final class TimedRequest {

    /** The request itself. */
    @FunctionalInterface
    public interface Call<T, E extends Exception> {
        T send() throws E;
    }

    private final SourceMetrics metrics;
    private final FailureLog failures;

    public TimedRequest(SourceMetrics metrics, FailureLog failures) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.failures = Objects.requireNonNull(failures, "failures");
    }

    /**
     * Sends {@code call} to {@code subject} (e.g. "Redis at host:6379"); the {@code unavailable}
     * exceptions it throws are the backend's failures.
     */
    public <T, E extends Exception> T send(String subject, Class<E> unavailable, Call<T, E> call) throws E {
        long start = System.nanoTime();
        T answer;
        try {
            answer = call.send();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            E failure = unavailable.cast(e);
            metrics.count("request_errors_total", 1);
            failures.failed(subject, failure.getMessage());
            throw failure;
        } finally {
            metrics.time("request_duration_seconds", Duration.ofNanos(System.nanoTime() - start));
        }
        failures.succeeded(subject);
        return answer;
    }
}
