package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.plugin.support.http.HttpEndpoint;
import dev.scalerhost.plugin.support.http.HttpFetcher;
import dev.scalerhost.spi.Deadline;
import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * GETs JSON documents from one server, each request bounded by the measurement deadline and its
 * body by {@link #MAX_BODY_BYTES}; {@link #close()} cancels what is in flight.
 */
final class DocumentFetcher implements AutoCloseable {

    /** Metrics APIs answer with a few kilobytes; far more means a wrong URL. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final HttpFetcher fetcher;

    /** Creates the client; opens no connection. */
    DocumentFetcher(Endpoint endpoint, String threadName) {
        this.fetcher = new HttpFetcher(endpoint.http(), threadName);
    }

    /** GETs {@code url}; the future always completes normally, with a document or a failure. */
    CompletableFuture<Outcome> fetch(URI url, Deadline deadline) {
        String target = HttpEndpoint.describe(url);
        return fetcher.get(url, "application/json", deadline, CappedBody.handler(MAX_BODY_BYTES))
                .handle((answer, error) -> error != null
                        ? Outcome.of(error, target, "https".equals(url.getScheme()))
                        : Outcome.of(answer.statusCode(), answer.body(),
                                answer.headers().firstValue("Content-Type").orElse("no content type"), target));
    }

    @Override
    public void close() {
        fetcher.close();
    }
}
