package dev.scalerhost.host.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Binds the {@code server:} section: the gRPC and HTTP listeners and process settings.
 */
final class ServerBinder {

    static final String DEFAULT_HOST = "0.0.0.0";
    static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
    static final Duration MAX_SHUTDOWN_GRACE = Duration.ofHours(1);

    private ServerBinder() {
    }

    /** Binds {@code server}; bad values are recorded as problems and replaced by defaults. */
    static ServerConfig bind(NodeSettings server, Path home) {
        server.declareKeys(HostKeys.SERVER.keys());
        GrpcConfig grpc = grpc(server.sectionOrEmpty(HostKeys.GRPC.name()), home);
        HttpConfig http = http(server.sectionOrEmpty(HostKeys.HTTP.name()));
        if (grpc.port() != 0 && grpc.port() == http.port()) {
            server.sectionOrEmpty(HostKeys.HTTP.name()).problem(HostKeys.HTTP_PORT.name(), "same port as server.grpc.port (" + grpc.port()
                    + "): give each listener its own port");
        }
        Duration grace = server.duration(HostKeys.SHUTDOWN_GRACE.name(), DEFAULT_SHUTDOWN_GRACE);
        if (grace.compareTo(MAX_SHUTDOWN_GRACE) > 0) {
            server.problem(HostKeys.SHUTDOWN_GRACE.name(), "must be at most " + TimingBinder.format(MAX_SHUTDOWN_GRACE)
                    + ": Kubernetes kills the pod after its terminationGracePeriodSeconds anyway");
            grace = DEFAULT_SHUTDOWN_GRACE;
        }
        String logFormat = server.oneOf(HostKeys.LOG_FORMAT.name(), HostKeys.LOG_FORMAT.defaultValue(),
                HostKeys.LOG_FORMAT.values().toArray(String[]::new));
        server.reportUnknownKeys();
        return new ServerConfig(grpc, http, grace, logFormat);
    }

    private static GrpcConfig grpc(NodeSettings grpc, Path home) {
        String host = host(grpc);
        int port = grpc.integer(HostKeys.GRPC_PORT.name(), GrpcConfig.DEFAULT_PORT, 0, 65535);
        int maxInbound = grpc.integer(HostKeys.GRPC_MAX_INBOUND_BYTES.name(), GrpcConfig.DEFAULT_MAX_INBOUND_BYTES, 1024,
                Integer.MAX_VALUE);
        Optional<TlsConfig> tls = Optional.ofNullable(grpc.sectionNode(HostKeys.GRPC_TLS.name()))
                .flatMap(section -> tls(section, home));
        return new GrpcConfig(host, port, tls, maxInbound);
    }

    private static HttpConfig http(NodeSettings http) {
        return new HttpConfig(host(http), http.integer(HostKeys.HTTP_PORT.name(), HttpConfig.DEFAULT_PORT, 0, 65535),
                http.bool(HostKeys.READINESS_REQUIRES_SOURCES.name(), false));
    }

    private static String host(NodeSettings listener) {
        String host = listener.string(HostKeys.LISTENER_HOST.name(), DEFAULT_HOST).trim();
        if (host.isEmpty()) {
            listener.problem(HostKeys.LISTENER_HOST.name(), "must not be empty: give an address such as 0.0.0.0 or 127.0.0.1");
            return DEFAULT_HOST;
        }
        return host;
    }

    private static Optional<TlsConfig> tls(NodeSettings tls, Path home) {
        Path certificate = pemFile(tls, HostKeys.TLS_CERTIFICATE.name(), true, home);
        Path privateKey = pemFile(tls, HostKeys.TLS_PRIVATE_KEY.name(), true, home);
        Path clientCa = pemFile(tls, HostKeys.TLS_CLIENT_CA.name(), false, home);
        if (certificate == null || privateKey == null) {
            return Optional.empty();
        }
        return Optional.of(new TlsConfig(certificate, privateKey, Optional.ofNullable(clientCa)));
    }

    private static Path pemFile(NodeSettings tls, String key, boolean required, Path home) {
        String name = required ? tls.string(key) : tls.optionalString(key).orElse(null);
        if (name == null) {
            return null;
        }
        Path file = resolve(tls, key, name, home);
        if (file != null && !Files.isReadable(file)) {
            tls.problem(key, "file " + (tls.isSecret(key) ? "(substituted path)" : file)
                    + " does not exist or is not readable");
            return null;
        }
        return file;
    }

    /** {@code name} as a path, relative ones resolved against {@code home}; {@code null} if invalid. */
    static Path resolve(NodeSettings settings, String key, String name, Path home) {
        try {
            return home.resolve(name).normalize();
        } catch (InvalidPathException e) {
            settings.problem(key, "not a valid path: " + e.getReason());
            return null;
        }
    }
}
