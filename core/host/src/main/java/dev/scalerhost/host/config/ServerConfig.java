package dev.scalerhost.host.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code server:} section.
 *
 * @param grpc          the gRPC listener
 * @param http          the HTTP listener
 * @param shutdownGrace how long in-flight RPCs may take to finish after SIGTERM
 * @param logFormat     {@code plain} or {@code json}
 */
public record ServerConfig(GrpcConfig grpc, HttpConfig http, Duration shutdownGrace, String logFormat) {
    public ServerConfig {
        Objects.requireNonNull(grpc, "grpc");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(shutdownGrace, "shutdownGrace");
        Objects.requireNonNull(logFormat, "logFormat");
    }
}
