package dev.scalerhost.plugin.support.http;

import dev.scalerhost.plugin.support.FailureLog;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SourceMetrics;
import java.util.Objects;
import org.slf4j.LoggerFactory;

/**
 * What every source over HTTP holds alike: its endpoint, a {@link HttpFetcher} with threads named
 * after the source, the source's metrics and its failure log. It reports a binding's reading (a
 * failure redacted and logged once) and closes the fetcher; measuring is the subclass's.
 */
public abstract class HttpSource implements MetricSource {

    private final HttpEndpoint http;
    private final HttpFetcher fetcher;
    private final SourceMetrics metrics;
    private final FailureLog failures;

    /**
     * Creates the client; opens no connection.
     *
     * @param threadPrefix the start of the client's thread names, e.g. {@code scalerhost-prometheus};
     *                     the source's name follows it
     */
    protected HttpSource(HttpEndpoint http, String threadPrefix, SourceContext context) {
        this.http = Objects.requireNonNull(http, "http");
        this.fetcher = new HttpFetcher(http, threadPrefix + "-" + context.sourceName());
        this.metrics = context.metrics();
        this.failures = new FailureLog(LoggerFactory.getLogger(context.loggerName()));
    }

    protected final HttpEndpoint http() {
        return http;
    }

    protected final HttpFetcher fetcher() {
        return fetcher;
    }

    protected final SourceMetrics metrics() {
        return metrics;
    }

    protected final FailureLog failures() {
        return failures;
    }

    /**
     * The reading of {@code subject} as the host gets it: a failure with the endpoint's secrets
     * redacted, logged when it starts or changes; a value ends a logged failure.
     */
    protected final Reading report(String subject, Reading reading) {
        if (reading instanceof Reading.Failure failure) {
            String message = http.redact(failure.message());
            failures.failed(subject, message);
            return Reading.failure(message);
        }
        failures.succeeded(subject);
        return reading;
    }

    /** Cancels the requests in flight and stops the client's threads. */
    @Override
    public void close() {
        fetcher.close();
    }
}
