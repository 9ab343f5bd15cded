package dev.scalerhost.host.config;

import java.util.List;
import java.util.Objects;

/**
 * Refuses a source value that points at the host's own gRPC or HTTP listener: a source that
 * measured scalerhost itself would read gRPC frames or {@code /metrics} as its backend's answer.
 *
 * <p>No plugin has to say which of its keys are addresses: every string under {@code sources:}
 * that is a URL or a {@code host:port} list ({@link Endpoints}) is compared with the listeners,
 * and a host counts as this machine's by {@link LocalHosts}. Values that name another host are
 * never resolved, so the check does no I/O.
 */
public final class OwnListeners {

    /** One listener of a host: which key configures it and what it binds. */
    private record Listener(String key, String what, String host, int port) {
    }

    private final LocalHosts localHosts;

    OwnListeners(LocalHosts localHosts) {
        this.localHosts = Objects.requireNonNull(localHosts, "localHosts");
    }

    /**
     * Records a problem in {@code document} for every value under its {@code sources:} that names
     * one of the listeners of {@code servers} (the file's own, and those a running host keeps open).
     */
    public static void report(ConfigDocument document, List<ServerConfig> servers) {
        Objects.requireNonNull(document, "document");
        new OwnListeners(LocalHosts.ofThisMachine()).check(document.root(), servers, document.problems());
    }

    void check(MapNode root, List<ServerConfig> servers, Problems problems) {
        // Repeated listeners (a reload's file and running host alike) cost a comparison, not a second
        // problem: a value stops at its first match. Not deduplicated, since hashing a record here was
        // the first use of record methods at start, about 3 ms on the main thread.
        List<Listener> listeners = servers.stream().flatMap(server -> java.util.stream.Stream.of(
                new Listener("server.grpc.port", "gRPC", server.grpc().host(), server.grpc().port()),
                new Listener("server.http.port", "HTTP", server.http().host(), server.http().port())))
                .filter(listener -> listener.port() > 0)
                .toList();
        if (listeners.isEmpty()) {
            return;
        }
        root.get("sources").ifPresent(sources -> {
            if (sources instanceof MapNode map) {
                for (MapNode.Entry source : map.entries()) {
                    walk("sources." + source.key(), source.value(), listeners, problems);
                }
            }
        });
    }

    private void walk(String path, ConfigNode node, List<Listener> listeners, Problems problems) {
        if (node instanceof MapNode map) {
            map.entries().forEach(entry -> walk(path + "." + entry.key(), entry.value(), listeners, problems));
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                walk(path + "[" + i + "]", list.items().get(i), listeners, problems);
            }
        } else if (node instanceof ScalarNode scalar && scalar.type() == ScalarNode.Type.STRING) {
            for (Endpoints.Endpoint endpoint : Endpoints.in(scalar.text())) {
                for (Listener listener : listeners) {
                    if (endpoint.port() == listener.port() && localHosts.isOwn(endpoint.host(), listener.host())) {
                        problems.add(path, scalar.location(), message(scalar, listener));
                        return;
                    }
                }
            }
        }
    }

    private static String message(ScalarNode scalar, Listener listener) {
        String value = scalar.secret() ? "the substituted value" : scalar.shown();
        return value + " is this host's own " + listener.what() + " listener (" + listener.key() + " is "
                + listener.port() + " on " + listener.host() + "): the source would measure scalerhost itself. "
                + "Give the backend's address, or move the listener to another port with " + listener.key();
    }
}
