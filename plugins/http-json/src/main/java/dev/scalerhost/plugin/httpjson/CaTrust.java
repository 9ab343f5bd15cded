package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.spi.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The {@code tls:} section: {@code caFile}, PEM certificates trusted instead of the JDK's. Read once,
 * when the source opens; host names are verified as usual.
 */
final class CaTrust {

    private CaTrust() {
    }

    /** The context that trusts {@code tls.caFile}, or {@code null} (and a problem) if it cannot be read. */
    static SSLContext sslContext(Settings tls) {
        String caFile = tls.string("caFile");
        if (caFile == null) {
            return null;
        }
        List<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            certificates = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
        } catch (IOException | InvalidPathException e) {
            tls.problem("caFile", "cannot read " + caFile + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
            return null;
        } catch (GeneralSecurityException e) {
            tls.problem("caFile", caFile + " does not hold PEM certificates: " + e.getMessage());
            return null;
        }
        if (certificates.isEmpty()) {
            tls.problem("caFile", "no PEM certificate in " + caFile);
            return null;
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            tls.problem("caFile", "could not set up TLS with " + caFile + ": " + e.getMessage());
            return null;
        }
    }
}
