package dev.scalerhost.plugin.support.http;

import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The TLS context of a client for an {@code http:} endpoint: one that refuses every TLS use. Without
 * it, java.net.http builds the JDK's default context for every client, {@code http:} or not: it
 * parses the whole trust store (about 150 CA certificates) and sets up the TLS provider, some 0.1 s of
 * CPU at start-up that sat on the first refresh's path (docs/benchmarks.md). Redirects are not
 * followed, so a request of such a client never needs TLS; if one did, it fails with {@link #REFUSAL}.
 */
final class PlainHttpOnly {

    static final String REFUSAL = "TLS is not set up for a source whose url is http:; use an https: url";

    /** Java's TLS parameters for the client, which it would otherwise ask the refusing context for. */
    static SSLParameters parameters() {
        return new SSLParameters();
    }

    static SSLContext context() {
        return new SSLContext(new Refusing(), null, "none") {
        };
    }

    private PlainHttpOnly() {
    }

    private static final class Refusing extends SSLContextSpi {

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException(REFUSAL);
        }

        @Override
        protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return parameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return parameters();
        }
    }
}
