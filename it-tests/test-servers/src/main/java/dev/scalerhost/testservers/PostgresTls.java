package dev.scalerhost.testservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS for a {@link PostgresServer}: its certificate and private key (PEM), and optionally the CA file
 * that client certificates must chain to.
 *
 * <p>A server started with it accepts TCP connections over TLS only. With a client CA, every role but
 * the superuser must also present a client certificate whose CN is its role name (the superuser keeps
 * password-only TLS, so the launcher itself can still create databases and roles).
 *
 * @param certificate the server's certificate, PEM
 * @param key         its unencrypted private key, PEM; copied with mode 0600, as PostgreSQL demands
 * @param clientCa    the CA file client certificates are verified against, if any
 */
public record PostgresTls(Path certificate, Path key, Optional<Path> clientCa) {

    public PostgresTls {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(clientCa, "clientCa");
    }

    /** TLS with the server's certificate and key, no client certificates. */
    public static PostgresTls of(Path certificate, Path key) {
        return new PostgresTls(certificate, key, Optional.empty());
    }

    /** The same, and every role but the superuser also needs a client certificate issued by {@code ca}. */
    public PostgresTls requiringClientCertificates(Path ca) {
        return new PostgresTls(certificate, key, Optional.of(Objects.requireNonNull(ca, "ca")));
    }

    /**
     * Copies the files into {@code directory}, the key readable by its owner only.
     *
     * @return the server settings ({@code ssl}, {@code ssl_cert_file}, ...) pointing at the copies
     */
    Map<String, String> install(Path directory) throws IOException {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("ssl", "on");
        config.put("ssl_cert_file", copy(certificate, directory.resolve("server.crt")).toString());
        Path keyCopy = directory.resolve("server.key");
        Files.deleteIfExists(keyCopy);
        Files.createFile(keyCopy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        // Written into the file created above: a copy would replace it with default permissions.
        Files.write(keyCopy, Files.readAllBytes(key));
        config.put("ssl_key_file", keyCopy.toString());
        if (clientCa.isPresent()) {
            config.put("ssl_ca_file", copy(clientCa.get(), directory.resolve("client-ca.crt")).toString());
        }
        return config;
    }

    /** The pg_hba.conf lines: TLS only, with a client certificate unless the role is the superuser. */
    List<String> hbaLines(String superuser) {
        if (clientCa.isEmpty()) {
            return List.of(
                    "hostssl all all 127.0.0.1/32 scram-sha-256",
                    "hostssl all all ::1/128 scram-sha-256");
        }
        return List.of(
                "hostssl all " + superuser + " 127.0.0.1/32 scram-sha-256",
                "hostssl all " + superuser + " ::1/128 scram-sha-256",
                "hostssl all all 127.0.0.1/32 scram-sha-256 clientcert=verify-full",
                "hostssl all all ::1/128 scram-sha-256 clientcert=verify-full");
    }

    private static Path copy(Path from, Path to) throws IOException {
        return Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
