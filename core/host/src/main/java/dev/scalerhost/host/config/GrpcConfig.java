package dev.scalerhost.host.config;

import java.util.Objects;
import java.util.Optional;

/**
 * The gRPC listener KEDA calls.
 *
 * @param host              the address to bind, {@code 0.0.0.0} by default
 * @param port              the port, 9090 by default; 0 picks a free one
 * @param tls               TLS settings, empty for plaintext
 * @param maxInboundBytes   the largest request accepted (KEDA sends every trigger metadata key)
 */
public record GrpcConfig(String host, int port, Optional<TlsConfig> tls, int maxInboundBytes) {

    public static final int DEFAULT_PORT = 9090;
    public static final int DEFAULT_MAX_INBOUND_BYTES = 4 * 1024 * 1024;

    public GrpcConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
        if (maxInboundBytes < 1024) {
            throw new IllegalArgumentException("maxInboundBytes must be >= 1024, got " + maxInboundBytes);
        }
    }
}
