package dev.scalerhost.host.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Dispatches by exact path, then by the longest route ending in {@code /} that prefixes the path
 * ({@code /history/} takes {@code /history/ingest-logs}); an unknown path is a 404 that lists the
 * known ones.
 */
final class Router extends Handler.Abstract {

    private final Map<String, Handler> routes;
    private final String notFoundHint;

    Router(Map<String, Handler> routes) {
        this.routes = new LinkedHashMap<>(routes);
        this.notFoundHint = "endpoints: " + String.join(", ", routes.keySet()) + "\n";
        routes.values().forEach(this::addBean);
    }

    /** Hands the server on to the routes, which Jetty expects of every handler it starts. */
    @Override
    public void setServer(Server server) {
        super.setServer(server);
        routes.values().forEach(route -> route.setServer(server));
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String path = Request.getPathInContext(request);
        Handler handler = routes.get(path);
        if (handler == null) {
            handler = byPrefix(path);
        }
        if (handler == null) {
            Endpoint.send(response, callback, HttpReply.text(404, "no such endpoint: " + path + "; " + notFoundHint));
            return true;
        }
        return handler.handle(request, response, callback);
    }

    private Handler byPrefix(String path) {
        String longest = null;
        for (String route : routes.keySet()) {
            if (route.length() > 1 && route.endsWith("/") && path.startsWith(route)
                    && (longest == null || route.length() > longest.length())) {
                longest = route;
            }
        }
        return longest == null ? null : routes.get(longest);
    }
}
