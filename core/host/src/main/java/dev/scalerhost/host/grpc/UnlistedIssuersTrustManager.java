package dev.scalerhost.host.grpc;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Verifies client certificates with the reloading trust manager but names no acceptable issuers in
 * the TLS CertificateRequest. The server's TLS context reads that list once, when it is built; after
 * the client CA file is replaced it would still name the old CA, and clients (Go's crypto/tls, as
 * KEDA uses, and Java's alike) then send no certificate at all. Without the list a client sends its
 * certificate and the current CA decides. Envoy does the same by default.
 */
final class UnlistedIssuersTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NONE = new X509Certificate[0];

    private final X509ExtendedTrustManager delegate;

    UnlistedIssuersTrustManager(X509ExtendedTrustManager delegate) {
        this.delegate = delegate;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, socket);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        delegate.checkServerTrusted(chain, authType, engine);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        delegate.checkServerTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NONE;
    }
}
