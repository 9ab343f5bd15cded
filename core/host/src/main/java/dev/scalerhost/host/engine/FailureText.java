package dev.scalerhost.host.engine;

import dev.scalerhost.host.secrets.Secrets;
import java.io.EOFException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * The cause of a failure in words a user reads ({@code check}, {@code /status}, gRPC details):
 * "connection refused", "address already in use", "no answer in time", else the innermost message.
 * Never a Java class name or a chain of exceptions; those go to the log with the exception itself.
 * Substituted values are redacted: a plugin's exception may quote a password anywhere in its chain.
 */
public final class FailureText {

    private static final int MAX = 400;

    private FailureText() {
    }

    /** The cause of {@code failure}, one line, bounded. */
    public static String of(Throwable failure) {
        if (failure == null) {
            return "unknown cause";
        }
        String known = null;
        String innermost = null;
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 16; t = t.getCause(), depth++) {
            String words = words(t);
            if (words != null) {
                known = words;
            }
            String message = t.getMessage();
            if (message != null && !message.isBlank() && !isOnlyAClassName(message, t)) {
                innermost = message;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String text = known != null ? known
                : innermost != null ? withoutClassNames(innermost)
                : "an unexpected error without a message (the log has the details)";
        return SafeText.clip(Secrets.redact(text.replace('\n', ' ').replace('\r', ' ').strip()), MAX);
    }

    /**
     * {@code text} for a remote client (gRPC details): paths inside the installation
     * ({@code scalerhost.home}, set by the launcher) made relative to it, so that KEDA's events and
     * logs do not carry the host's filesystem layout. The host's own log keeps the full text.
     */
    public static String forClients(String text) {
        return forClients(text, System.getProperty("scalerhost.home"));
    }

    static String forClients(String text, String home) {
        if (text == null || home == null || home.isBlank() || home.equals("/")) {
            return text;
        }
        String root = home.endsWith("/") ? home.substring(0, home.length() - 1) : home;
        return text.replace(root + "/", "").replace(root, "the installation directory");
    }

    /** Words for the failures whose type says more than their message; null for others. */
    private static String words(Throwable t) {
        String message = t.getMessage() == null ? "" : t.getMessage().strip();
        String lower = message.toLowerCase(Locale.ROOT);
        if (t instanceof BindException || lower.contains("address already in use")) {
            return "address already in use";
        }
        if (t instanceof ConnectException || lower.equals("connection refused")) {
            return lower.contains("timed out") ? "no answer in time (connect timed out)" : "connection refused";
        }
        if (t instanceof NoRouteToHostException) {
            return "no route to host";
        }
        if (t instanceof UnknownHostException) {
            return message.isEmpty() ? "unknown host" : "unknown host '" + message.split(":")[0] + "'";
        }
        if (t instanceof SocketTimeoutException || t instanceof HttpTimeoutException || t instanceof TimeoutException) {
            return "no answer in time";
        }
        if (t instanceof EOFException || lower.contains("connection reset")) {
            return "the connection was closed by the other side";
        }
        if (t instanceof SSLException) {
            return message.isEmpty() ? "TLS handshake failed" : "TLS failed: " + withoutClassNames(message);
        }
        if (t instanceof NoSuchFileException) {
            return "file " + message + " does not exist";
        }
        if (t instanceof AccessDeniedException) {
            return "permission denied: " + message;
        }
        return null;
    }

    /** Whether {@code message} is just the cause's own toString ("java.io.IOException: ..." style wrapping). */
    private static boolean isOnlyAClassName(String message, Throwable t) {
        Throwable cause = t.getCause();
        return cause != null && message.equals(cause.toString());
    }

    /** Drops leading "java.io.IOException: " style prefixes that libraries copy into messages. */
    static String withoutClassNames(String message) {
        String text = message.strip();
        while (true) {
            int colon = text.indexOf(": ");
            if (colon <= 0 || !text.substring(0, colon).matches("([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error)")) {
                return text;
            }
            text = text.substring(colon + 2).strip();
        }
    }
}
