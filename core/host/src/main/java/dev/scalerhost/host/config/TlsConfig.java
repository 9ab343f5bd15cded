package dev.scalerhost.host.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on the gRPC port, from PEM files.
 *
 * @param certificate the server certificate chain (PEM)
 * @param privateKey  the server's private key (PEM, PKCS#8)
 * @param clientCa    if present, clients must present a certificate signed by this CA (mutual TLS)
 */
public record TlsConfig(Path certificate, Path privateKey, Optional<Path> clientCa) {
    public TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(clientCa, "clientCa");
    }
}
