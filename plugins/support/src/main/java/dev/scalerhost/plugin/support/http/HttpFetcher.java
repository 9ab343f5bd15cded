package dev.scalerhost.plugin.support.http;

import dev.scalerhost.spi.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends GET requests to one endpoint with java.net.http's async client, each bounded by the
 * measurement deadline (connecting included). The client's threads are the plugin's own (daemon,
 * named after the source); {@link #close()} cancels what is in flight, so a measurement waiting on it
 * ends, and stops them.
 *
 * <p>The client is built at the first request, not when the source opens: for an {@code https:}
 * endpoint, building one sets up the JVM's TLS machinery (about 0.2 s of CPU on a cold JVM), which
 * would otherwise sit on the host's path to ready. The first refresh pays it instead, on its own
 * thread. A client for an {@code http:} endpoint skips it ({@link PlainHttpOnly}).
 */
public final class HttpFetcher implements AutoCloseable {

    private final HttpEndpoint endpoint;
    private final ExecutorService executor;
    private final Object clientLock = new Object();
    private volatile HttpClient client;
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Prepares the client's threads; builds no client and opens no connection. */
    public HttpFetcher(HttpEndpoint endpoint, String threadName) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private HttpClient client() {
        HttpClient built = client;
        if (built == null) {
            synchronized (clientLock) {
                built = client;
                if (built == null) {
                    HttpClient.Builder builder = HttpClient.newBuilder()
                            .executor(executor)
                            .version(HttpClient.Version.HTTP_1_1)
                            .followRedirects(HttpClient.Redirect.NEVER);
                    if (endpoint.sslContext() != null) {
                        builder.sslContext(endpoint.sslContext());
                    } else if ("http".equalsIgnoreCase(endpoint.url().getScheme())) {
                        builder.sslContext(PlainHttpOnly.context()).sslParameters(PlainHttpOnly.parameters());
                    }
                    built = builder.build();
                    client = built;
                }
            }
        }
        return built;
    }

    /**
     * Sends {@code GET uri} with the endpoint's headers. The future fails with the client's
     * exception (see {@link RequestFailure}), or a {@link CancellationException} once closed.
     */
    public <T> CompletableFuture<HttpResponse<T>> get(URI uri, String accept, Deadline deadline,
            HttpResponse.BodyHandler<T> body) {
        Duration remaining = deadline.remaining();
        if (closed) {
            return CompletableFuture.failedFuture(new CancellationException("the source is closed"));
        }
        if (remaining.isZero()) {
            return CompletableFuture.failedFuture(new HttpTimeoutException("deadline already passed"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(remaining)
                .header("Accept", accept);
        endpoint.headers().forEach(request::header);
        CompletableFuture<HttpResponse<T>> response = client().sendAsync(request.build(), body);
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
