package dev.scalerhost.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * HTTPS for every web endpoint of a {@link PrometheusServer} (the API, {@code /metrics}, {@code /-/ready}),
 * written to Prometheus' {@code --web.config.file}.
 *
 * <p>The launcher's own client (readiness checks, {@link PrometheusServer#queryValue}) trusts
 * {@code certificate} itself, so it is self-signed or a chain that includes its CA, and verifies the
 * host name, so its SANs name 127.0.0.1.
 *
 * @param certificate       the server certificate, PEM
 * @param key               its private key, PEM
 * @param clientCa          {@code null} to accept clients without a certificate, or the CA certificates (PEM)
 *                          a client certificate must chain to: Prometheus then refuses clients without one
 * @param clientCertificate with {@code clientCa}: the launcher's own client certificate, PEM
 * @param clientKey         with {@code clientCa}: its private key, unencrypted PKCS#8 PEM
 */
public record PrometheusTls(Path certificate, Path key, Path clientCa, Path clientCertificate, Path clientKey) {

    private static final Pattern PKCS8_KEY =
            Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");
    private static final char[] NO_PASSWORD = new char[0];

    public PrometheusTls {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(key, "key");
        boolean anyClient = clientCa != null || clientCertificate != null || clientKey != null;
        boolean allClient = clientCa != null && clientCertificate != null && clientKey != null;
        if (anyClient && !allClient) {
            throw new IllegalArgumentException("clientCa, clientCertificate and clientKey must be given together");
        }
    }

    /** HTTPS with {@code certificate}; clients need no certificate. */
    public static PrometheusTls server(Path certificate, Path key) {
        return new PrometheusTls(certificate, key, null, null, null);
    }

    /**
     * The same, but Prometheus requires a client certificate that chains to {@code clientCa}; the
     * launcher presents {@code clientCertificate} and {@code clientKey}.
     */
    public PrometheusTls requiringClientCertificates(Path clientCa, Path clientCertificate, Path clientKey) {
        return new PrometheusTls(certificate, key, Objects.requireNonNull(clientCa, "clientCa"),
                Objects.requireNonNull(clientCertificate, "clientCertificate"),
                Objects.requireNonNull(clientKey, "clientKey"));
    }

    /** Whether Prometheus refuses clients without a certificate. */
    public boolean requiresClientCertificates() {
        return clientCa != null;
    }

    /** The contents of the {@code --web.config.file}. */
    String webConfig() {
        StringBuilder yaml = new StringBuilder("tls_server_config:\n")
                .append("  cert_file: ").append(quoted(certificate)).append('\n')
                .append("  key_file: ").append(quoted(key)).append('\n');
        if (requiresClientCertificates()) {
            yaml.append("  client_auth_type: RequireAndVerifyClientCert\n")
                    .append("  client_ca_file: ").append(quoted(clientCa)).append('\n');
        }
        return yaml.toString();
    }

    /** The launcher's client context: trusts {@code certificate}, presents the client certificate if any. */
    SSLContext clientContext() throws IOException {
        try {
            KeyStore trusted = emptyStore();
            List<Certificate> serverChain = certificates(certificate);
            for (int i = 0; i < serverChain.size(); i++) {
                trusted.setCertificateEntry("server-" + i, serverChain.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            KeyManagerFactory keys = null;
            if (requiresClientCertificates()) {
                KeyStore identity = emptyStore();
                identity.setKeyEntry("client", privateKey(clientKey), NO_PASSWORD,
                        certificates(clientCertificate).toArray(Certificate[]::new));
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(identity, NO_PASSWORD);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up the launcher's TLS client from " + certificate
                    + (requiresClientCertificates() ? " and " + clientCertificate : "") + ": " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    private static List<Certificate> certificates(Path file) throws GeneralSecurityException, IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<Certificate> chain = new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (chain.isEmpty()) {
                throw new IOException("no PEM certificate in " + file);
            }
            return chain;
        }
    }

    private static PrivateKey privateKey(Path file) throws GeneralSecurityException, IOException {
        Matcher pem = PKCS8_KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!pem.find()) {
            throw new IOException("no unencrypted PKCS#8 key (BEGIN PRIVATE KEY) in " + file);
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.group(1)));
        for (String algorithm : List.of("EC", "RSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // the PEM does not say the algorithm: try the next one
            }
        }
        throw new IOException("the key in " + file + " is neither EC, RSA nor Ed25519");
    }

    /** A YAML single-quoted scalar, safe for any path. */
    private static String quoted(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
