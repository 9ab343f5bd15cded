package dev.scalerhost.plugin.httpjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;

/** What one request to one URL gave: a document that its bindings read, or a failure of all of them. */
sealed interface Outcome {

    /** A JSON document from a 2xx answer. */
    record Document(JsonDocument json) implements Outcome {
    }

    /**
     * A failed request.
     *
     * @param cause   a fixed metrics label: {@code unreachable}, {@code timeout}, {@code tls},
     *                {@code closed}, {@code unauthorized}, {@code http_status}, {@code too_large},
     *                {@code not_json}, {@code internal}
     * @param message what failed, naming the URL; may still hold a secret echoed by the server
     *                until the source redacts it
     */
    record Failed(String cause, String message) implements Outcome {
    }

    int MAX_BODY_EXCERPT = 200;

    /** The outcome of a response with {@code status} and {@code body} from {@code target}. */
    static Outcome of(int status, byte[] body, String contentType, String target) {
        if (status == 401 || status == 403) {
            return new Failed("unauthorized", target + " refused the request with HTTP " + status
                    + "; check bearerToken, username and password, or headers" + excerpt(body));
        }
        if (status < 200 || status > 299) {
            return new Failed("http_status", target + " answered HTTP " + status + excerpt(body));
        }
        try {
            return new Document(JsonDocument.parse(body));
        } catch (JsonProcessingException e) {
            return new Failed("not_json", "the response of " + target + " (" + contentType + ") is not JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            return new Failed("not_json", "the response of " + target + " (" + contentType + ") is not JSON: "
                    + e.getMessage());
        }
    }

    /** The outcome of a request to {@code target} that ended with {@code error}. */
    static Failed of(Throwable error, String target) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new Failed("timeout", "could not connect to " + target + " before the measurement deadline");
        }
        if (cause instanceof HttpTimeoutException) {
            return new Failed("timeout", target + " did not answer before the measurement deadline");
        }
        if (cause instanceof CancellationException) {
            return new Failed("closed", "the request to " + target + " was cancelled: the source is closing");
        }
        if (cause instanceof CappedBody.TooLarge) {
            return new Failed("too_large", "the response of " + target + " was refused: " + cause.getMessage());
        }
        if (cause instanceof ConnectException || cause instanceof ClosedChannelException) {
            return new Failed("unreachable", target + " is unreachable: " + describe(cause));
        }
        if (cause instanceof SSLException) {
            return new Failed("tls", "TLS with " + target + " failed: " + describe(cause)
                    + "; check tls.caFile and the server's certificate");
        }
        if (cause instanceof IOException) {
            return new Failed("unreachable", "the request to " + target + " failed: " + describe(cause));
        }
        return new Failed("internal", "the request to " + target + " failed unexpectedly: " + describe(cause));
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_BODY_EXCERPT), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + text + (body.length > MAX_BODY_EXCERPT ? "..." : "");
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
