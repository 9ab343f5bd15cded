package dev.scalerhost.plugin.support;

import dev.scalerhost.spi.Settings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * An {@link SSLContext} from PEM files: {@code caFile} (certificates to trust instead of the JDK's),
 * {@code certFile} and {@code keyFile} (a client certificate chain and its unencrypted PKCS#8 or
 * PKCS#1 RSA key). The files are read once, when the source opens.
 */
public final class PemTls {

    private static final Pattern PEM_KEY =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    /** DER of AlgorithmIdentifier{rsaEncryption, NULL}, to wrap a PKCS#1 key into PKCS#8. */
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final char[] NO_PASSWORD = new char[0];

    private PemTls() {
    }

    /** The context described by a {@code tls:} section, or {@code null} if it had problems. */
    public static SSLContext sslContext(Settings tls) {
        return sslContext(tls, false);
    }

    /**
     * The context described by a {@code tls:} section (may be null: no section), trusting every
     * server certificate if {@code trustEveryone} (KEDA's {@code unsafeSsl}); {@code null} if it had problems.
     */
    public static SSLContext sslContext(Settings tls, boolean trustEveryone) {
        if (tls == null) {
            return trustEveryone ? context(null, new TrustManager[] {new TrustEveryone()}) : null;
        }
        String caFile = tls.optionalString("caFile").orElse(null);
        String certFile = tls.optionalString("certFile").orElse(null);
        String keyFile = tls.optionalString("keyFile").orElse(null);
        if ((certFile == null) != (keyFile == null)) {
            tls.problem(certFile == null ? "certFile" : "keyFile", "certFile and keyFile must be set together");
            return null;
        }
        try {
            TrustManagerFactory trust = caFile == null ? null : trustManagers(tls, caFile);
            KeyManagerFactory keys = certFile == null ? null : keyManagers(tls, certFile, keyFile);
            if (tls.hasProblems()) {
                return null;
            }
            TrustManager[] trusted = trustEveryone ? new TrustManager[] {new TrustEveryone()}
                    : trust == null ? null : trust.getTrustManagers();
            return context(keys == null ? null : keys.getKeyManagers(), trusted);
        } catch (GeneralSecurityException | IOException e) {
            tls.problem(null, "could not set up TLS: " + e.getMessage());
            return null;
        }
    }

    /**
     * The context that trusts the section's {@code caFile} (required) only, for sources without
     * client certificates; {@code null} if it had problems.
     */
    public static SSLContext caTrust(Settings tls) {
        String caFile = tls.string("caFile");
        if (caFile == null) {
            return null;
        }
        try {
            TrustManagerFactory trust = trustManagers(tls, caFile);
            return tls.hasProblems() ? null : context(null, trust.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            tls.problem("caFile", "could not set up TLS with " + caFile + ": " + e.getMessage());
            return null;
        }
    }

    private static SSLContext context(KeyManager[] keys, TrustManager[] trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS context", e);
        }
    }

    private static TrustManagerFactory trustManagers(Settings tls, String caFile)
            throws GeneralSecurityException, IOException {
        List<Certificate> certificates = certificates(tls, "caFile", caFile);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        for (int i = 0; i < certificates.size(); i++) {
            store.setCertificateEntry("ca-" + i, certificates.get(i));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static KeyManagerFactory keyManagers(Settings tls, String certFile, String keyFile)
            throws GeneralSecurityException, IOException {
        List<Certificate> chain = certificates(tls, "certFile", certFile);
        PrivateKey key = privateKey(tls, keyFile);
        if (chain.isEmpty() || key == null) {
            return null;
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, NO_PASSWORD);
        return factory;
    }

    private static List<Certificate> certificates(Settings tls, String key, String file) {
        byte[] bytes = read(tls, key, file);
        if (bytes == null) {
            return List.of();
        }
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            List<Certificate> certificates =
                    new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
            if (certificates.isEmpty()) {
                tls.problem(key, "no PEM certificate in " + file);
            }
            return certificates;
        } catch (GeneralSecurityException | IOException e) {
            tls.problem(key, "cannot read the certificates in " + file + ": " + e.getMessage());
            return List.of();
        }
    }

    private static PrivateKey privateKey(Settings tls, String file) {
        byte[] bytes = read(tls, "keyFile", file);
        if (bytes == null) {
            return null;
        }
        Matcher pem = PEM_KEY.matcher(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
        while (pem.find()) {
            String type = pem.group(1);
            byte[] der = Base64.getMimeDecoder().decode(pem.group(2));
            switch (type) {
                case "PRIVATE KEY":
                    return pkcs8(tls, file, der);
                case "RSA PRIVATE KEY":
                    return pkcs8(tls, file, wrapRsa(der));
                case "ENCRYPTED PRIVATE KEY", "EC PRIVATE KEY":
                    tls.problem("keyFile", file + " holds an " + type + ", which is not supported; convert it with "
                            + "'openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pk8'");
                    return null;
                default:
                    break;
            }
        }
        tls.problem("keyFile", "no PEM private key in " + file);
        return null;
    }

    private static PrivateKey pkcs8(Settings tls, String file, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisAlgorithm) {
                // try the next algorithm
            }
        }
        tls.problem("keyFile", "the private key in " + file + " is neither RSA, EC nor EdDSA");
        return null;
    }

    private static byte[] wrapRsa(byte[] pkcs1) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[] {0x02, 0x01, 0x00});
        body.writeBytes(RSA_ALGORITHM);
        body.writeBytes(der(0x04, pkcs1));
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (Integer.SIZE - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i));
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] read(Settings tls, String key, String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException | RuntimeException e) {
            tls.problem(key, "cannot read " + file + ": " + reason(e));
            return null;
        }
    }

    /** Why a file could not be read, in words (the exception's name goes nowhere a user reads). */
    private static String reason(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? "unreadable" : e.getMessage();
    }
}
