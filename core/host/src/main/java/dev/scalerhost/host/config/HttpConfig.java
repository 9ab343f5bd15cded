package dev.scalerhost.host.config;

import java.util.Objects;

/**
 * The HTTP listener for probes, {@code /metrics} and {@code /status}.
 *
 * @param host                      the address to bind, {@code 0.0.0.0} by default
 * @param port                      the port, 8080 by default; 0 picks a free one
 * @param readinessRequiresSources  whether a failing source makes {@code /readyz} fail; false by
 *                                  default, because a sidecar's readiness is its pod's
 */
public record HttpConfig(String host, int port, boolean readinessRequiresSources) {

    public static final int DEFAULT_PORT = 8080;

    public HttpConfig {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be within 0..65535, got " + port);
        }
    }
}
