package dev.scalerhost.plugin.support.http;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/**
 * Why a request failed, as a metrics label ({@code cause}) and a message that names the endpoint.
 *
 * @param cause   a short, fixed label: {@code unreachable}, {@code timeout}, {@code tls}, {@code closed},
 *                {@code unauthorized}, {@code http_status}, {@code bad_response}, {@code query_error}, ...
 * @param message what failed, for the reading; never a secret
 */
public record RequestFailure(String cause, String message) {

    /**
     * Classifies an exception of the HTTP client for a request to {@code target}, over TLS or not, of
     * a source that can send a client certificate ({@code tls.certFile} and {@code tls.keyFile}).
     */
    public static RequestFailure of(Throwable error, String target, boolean overTls) {
        return of(error, target, overTls, true);
    }

    /**
     * Classifies an exception of the HTTP client for a request to {@code target}, over TLS or not;
     * {@code clientCertificates} says whether the source has keys for a client certificate, which
     * decides what a refusal of the handshake advises.
     */
    public static RequestFailure of(Throwable error, String target, boolean overTls, boolean clientCertificates) {
        Throwable cause = unwrap(error);
        if (cause instanceof HttpConnectTimeoutException) {
            return new RequestFailure("timeout", "could not connect to " + target + " before the measurement deadline");
        }
        if (cause instanceof HttpTimeoutException) {
            return new RequestFailure("timeout", target + " did not answer before the measurement deadline");
        }
        if (cause instanceof CancellationException) {
            return new RequestFailure("closed", "the request to " + target + " was cancelled: the source is closing");
        }
        if (cause instanceof ConnectException || cause instanceof ClosedChannelException) {
            return new RequestFailure("unreachable", target + " is unreachable: " + describe(cause));
        }
        if (cause instanceof SSLException) {
            return new RequestFailure("tls", "TLS with " + target + " failed: " + describe(cause)
                    + tlsHint(cause, clientCertificates));
        }
        if (overTls && cause instanceof IOException && closedBeforeAnswering(cause)) {
            // With TLS 1.3 the client finishes its handshake before the server checks the client certificate,
            // so a refusal can arrive as a closed connection instead of a handshake alert.
            return new RequestFailure("tls", "TLS with " + target + " failed: the server closed the connection after the"
                    + " handshake without answering (" + describe(cause) + "); a server that requires client"
                    + " certificates does this when it refuses one" + clientCertificateAdvice(clientCertificates));
        }
        if (cause instanceof IOException) {
            return new RequestFailure("unreachable", "the request to " + target + " failed: " + describe(cause));
        }
        return new RequestFailure("internal", "the request to " + target + " failed unexpectedly: " + describe(cause));
    }

    /** What to check, for the handshake failures a configuration causes; empty for the rest. */
    private static String tlsHint(Throwable failure, boolean clientCertificates) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertPathBuilderException) {
                return "; the server's certificate does not chain to a trusted CA:"
                        + " set tls.caFile to the CA that issued it";
            }
        }
        String message = String.valueOf(failure.getMessage());
        if (message.startsWith("No name matching") || message.startsWith("No subject alternative")) {
            return "; the server's certificate is not issued for this host name:"
                    + " use a url host the certificate names";
        }
        if (message.contains("fatal alert: bad_certificate") || message.contains("fatal alert: certificate_required")
                || message.contains("fatal alert: unknown_ca")) {
            return "; the server refused the client certificate" + clientCertificateAdvice(clientCertificates);
        }
        return "; check tls.caFile and the server's certificate";
    }

    private static String clientCertificateAdvice(boolean clientCertificates) {
        return clientCertificates ? ": set tls.certFile and tls.keyFile to one it trusts"
                : ", and this source sends none";
    }

    private static boolean closedBeforeAnswering(Throwable cause) {
        return cause instanceof EOFException || cause.getCause() instanceof EOFException
                || String.valueOf(cause.getMessage()).contains("received no bytes");
    }

    /** The exception behind the wrappers of futures. */
    public static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The cause in words: the client's message (e.g. "connection refused"), never its class name. */
    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        if ((message == null || message.isBlank()) && cause.getCause() != null) {
            message = cause.getCause().getMessage();
        }
        if (message == null || message.isBlank()) {
            return cause instanceof ConnectException ? "connection refused" : "no reason given";
        }
        String text = message.strip();
        return text.length() > 1 && Character.isUpperCase(text.charAt(0)) && Character.isLowerCase(text.charAt(1))
                ? Character.toLowerCase(text.charAt(0)) + text.substring(1) : text;
    }
}
