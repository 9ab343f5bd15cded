package dev.scalerhost.plugin.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Properties;

/**
 * Tells pgjdbc the algorithm of a PEM {@code sslkey}. pgjdbc parses PEM keys as RSA unless told
 * otherwise ({@code pemKeyAlgorithm}), so an EC client key fails with "Could not load the private key";
 * libpq needs no such setting, and the key's algorithm is the one of the {@code sslcert} it belongs to.
 */
final class PemKeyAlgorithm {

    static final String PROPERTY = "pemKeyAlgorithm";

    private PemKeyAlgorithm() {
    }

    /** Sets {@value #PROPERTY} from the public key of {@code sslcert}, if set and readable. */
    static void inferFromCertificate(Properties driverProperties) {
        String certificate = driverProperties.getProperty("sslcert");
        if (certificate == null || driverProperties.containsKey(PROPERTY)) {
            return;
        }
        try (InputStream in = Files.newInputStream(Path.of(certificate))) {
            Certificate parsed = CertificateFactory.getInstance("X.509").generateCertificate(in);
            driverProperties.setProperty(PROPERTY, parsed.getPublicKey().getAlgorithm());
        } catch (IOException | GeneralSecurityException | RuntimeException unreadable) {
            // pgjdbc reads the same file next and reports what is wrong with it.
        }
    }
}
