package dev.scalerhost.host.http;

import java.util.Map;
import org.eclipse.jetty.http.pathmap.ServletPathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The host's routes on Jetty's {@link PathMappingsHandler}: a route ending in {@code /} takes every
 * path under it ({@code /history/} takes {@code /history/ingest-logs}), any other route its exact
 * path, an exact route before the longest prefix; an unknown path is a 404 that lists the known ones.
 */
final class Router {

    private Router() {
    }

    static Handler of(Map<String, Handler> routes) {
        PathMappingsHandler mappings = new PathMappingsHandler();
        routes.forEach((route, handler) -> mappings.addMapping(spec(route), handler));
        mappings.addMapping(new ServletPathSpec("/"), new NotFound("endpoints: " + String.join(", ", routes.keySet())));
        return mappings;
    }

    /** {@code /} is the root alone, {@code /a/} everything under {@code /a/}, anything else itself. */
    private static ServletPathSpec spec(String route) {
        if (route.equals("/")) {
            return new ServletPathSpec("");
        }
        return new ServletPathSpec(route.endsWith("/") ? route + "*" : route);
    }

    /** What no route takes; the servlet default mapping, below every other. */
    private static final class NotFound extends Handler.Abstract {

        private final String hint;

        NotFound(String hint) {
            this.hint = hint;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Endpoint.send(response, callback, HttpReply.text(404,
                    "no such endpoint: " + Endpoint.path(request) + "; " + hint + "\n"));
            return true;
        }
    }
}
