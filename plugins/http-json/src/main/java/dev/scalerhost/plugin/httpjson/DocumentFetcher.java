package dev.scalerhost.plugin.httpjson;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import dev.scalerhost.spi.Deadline;

/**
 * GETs JSON documents from one server with java.net.http's async client, each request bounded by
 * the measurement deadline. The client's threads are the plugin's own (daemon, named after the
 * source); {@link #close()} cancels what is in flight and stops them.
 */
final class DocumentFetcher implements AutoCloseable {

    /** Metrics APIs answer with a few kilobytes; far more means a wrong URL. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final Endpoint endpoint;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Creates the client; opens no connection. */
    DocumentFetcher(Endpoint endpoint, String threadName) {
        this.endpoint = endpoint;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        HttpClient.Builder builder = HttpClient.newBuilder()
                .executor(executor)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (endpoint.sslContext() != null) {
            builder.sslContext(endpoint.sslContext());
        }
        this.client = builder.build();
    }

    /** GETs {@code url}; the future always completes normally, with a document or a failure. */
    CompletableFuture<Outcome> fetch(URI url, Deadline deadline) {
        String target = Endpoint.describe(url);
        Duration remaining = deadline.remaining();
        if (closed) {
            return CompletableFuture.completedFuture(Outcome.of(new CancellationException("closed"), target));
        }
        if (remaining.isZero()) {
            return CompletableFuture.completedFuture(Outcome.of(new HttpTimeoutException("deadline passed"), target));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(remaining)
                .header("Accept", "application/json");
        endpoint.headers().forEach(request::header);
        CompletableFuture<HttpResponse<byte[]>> response =
                client.sendAsync(request.build(), CappedBody.handler(MAX_BODY_BYTES));
        inFlight.add(response);
        response.whenComplete((ignored, error) -> inFlight.remove(response));
        return response.handle((answer, error) -> error != null
                ? Outcome.of(error, target)
                : Outcome.of(answer.statusCode(), answer.body(),
                        answer.headers().firstValue("Content-Type").orElse("no content type"), target));
    }

    @Override
    public void close() {
        closed = true;
        inFlight.forEach(future -> future.cancel(true));
        executor.shutdownNow();
    }
}
