package dev.scalerhost.host.grpc;

import io.grpc.util.CertificateUtils;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;

/**
 * A certificate chain and its private key read from PEM files, checked to belong together: files
 * replaced one after the other (a certificate renewed before its key) must not be served as a pair.
 *
 * @param chain the certificate chain, leaf first
 * @param key   the leaf's private key
 */
record PemIdentity(X509Certificate[] chain, PrivateKey key) {

    private static final byte[] PROBE = "scalerhost key pair check".getBytes(StandardCharsets.US_ASCII);

    /** Reads both files; fails if either cannot be parsed or the key does not match the certificate. */
    static PemIdentity read(Path certificate, Path privateKey) throws IOException, GeneralSecurityException {
        X509Certificate[] chain;
        try (InputStream in = Files.newInputStream(certificate)) {
            chain = CertificateUtils.getX509Certificates(in);
        }
        if (chain.length == 0) {
            throw new GeneralSecurityException("no certificate in " + certificate);
        }
        PrivateKey key;
        try (InputStream in = Files.newInputStream(privateKey)) {
            key = CertificateUtils.getPrivateKey(in);
        }
        checkPair(chain[0], key);
        return new PemIdentity(chain, key);
    }

    private static void checkPair(X509Certificate leaf, PrivateKey key) throws GeneralSecurityException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (algorithm == null) {
            return;
        }
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(key);
        signer.update(PROBE);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance(algorithm);
        verifier.initVerify(leaf.getPublicKey());
        verifier.update(PROBE);
        if (!verifier.verify(signature)) {
            throw new GeneralSecurityException("the private key does not belong to the certificate "
                    + leaf.getSubjectX500Principal().getName());
        }
    }
}
