package dev.scalerhost.plugin.prometheus;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Sends GET requests to one endpoint with java.net.http's async client, each bounded by the
 * measurement deadline (connecting included). {@link #close()} cancels what is in flight, so a
 * measurement waiting on it ends.
 */
final class HttpFetcher implements AutoCloseable {

    private final EndpointSettings endpoint;
    private final ExecutorService executor;
    private final HttpClient client;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Creates the client; opens no connection. */
    HttpFetcher(EndpointSettings endpoint, String threadName) {
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

    /**
     * Sends {@code GET uri} with the endpoint's headers. The future fails with the client's
     * exception (see {@link FetchFailure}), or a {@link CancellationException} once closed.
     */
    CompletableFuture<HttpResponse<String>> get(URI uri, String accept, Deadline deadline) {
        Duration remaining = deadline.remaining();
        if (closed) {
            return CompletableFuture.failedFuture(new CancellationException("the source is closed"));
        }
        if (remaining.isZero()) {
            return CompletableFuture.failedFuture(new java.net.http.HttpTimeoutException("deadline already passed"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(remaining)
                .header("Accept", accept);
        endpoint.headers().forEach(request::header);
        CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString());
        inFlight.add(response);
        response.whenComplete((ignored, error) -> inFlight.remove(response));
        return response;
    }

    @Override
    public void close() {
        closed = true;
        inFlight.forEach(future -> future.cancel(true));
        executor.shutdownNow();
    }
}
