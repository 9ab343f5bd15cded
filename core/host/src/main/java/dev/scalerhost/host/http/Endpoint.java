package dev.scalerhost.host.http;

import dev.scalerhost.host.engine.FailureText;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One read-only endpoint: answers {@code GET} and {@code HEAD} with a reply computed whole,
 * anything else with 405. A failure while computing the reply is a 500 with a one-line reason,
 * logged once per distinct message rather than at every scrape.
 */
abstract class Endpoint extends Handler.Abstract {

    private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);

    private final AtomicReference<String> lastFailure = new AtomicReference<>();

    /** Computes the reply; called on a Jetty worker thread. */
    protected abstract HttpReply reply();

    /** Computes the reply to a request for {@code path}; by default the same for every path. */
    protected HttpReply reply(String path) {
        return reply();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
            send(response, callback, HttpReply.text(405, "method " + method + " is not allowed here; use GET\n"));
            return true;
        }
        HttpReply reply = safeReply(path(request));
        headers(response);
        send(response, callback, reply);
        return true;
    }

    /**
     * The request's whole decoded path. The host has no contexts, and Jetty's path in context
     * under a {@link org.eclipse.jetty.server.handler.PathMappingsHandler} is relative to the mapping.
     */
    static String path(Request request) {
        return request.getHttpURI().getCanonicalPath();
    }

    /** Adds headers of this endpoint's own to every reply; none by default. */
    protected void headers(Response response) {
    }

    private HttpReply safeReply(String path) {
        try {
            HttpReply reply = reply(path);
            lastFailure.set(null);
            return reply;
        } catch (RuntimeException e) {
            String message = FailureText.of(e);
            if (!message.equals(lastFailure.getAndSet(message))) {
                LOG.warn("HTTP {} failed: {}", path, message, e);
            }
            return HttpReply.text(500, "internal error: " + message + "\n");
        }
    }

    static void send(Response response, Callback callback, HttpReply reply) {
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, reply.contentType());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, reply.body().length);
        response.write(true, ByteBuffer.wrap(reply.body()), callback);
    }
}
