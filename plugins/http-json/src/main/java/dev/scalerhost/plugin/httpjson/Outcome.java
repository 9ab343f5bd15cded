package dev.scalerhost.plugin.httpjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scalerhost.plugin.support.http.RequestFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

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

    /** The outcome of a request to {@code target}, over TLS or not, that ended with {@code error}. */
    static Failed of(Throwable error, String target, boolean overTls) {
        Throwable cause = RequestFailure.unwrap(error);
        if (cause instanceof CappedBody.TooLarge) {
            return new Failed("too_large", "the response of " + target + " was refused: " + cause.getMessage());
        }
        RequestFailure failure = RequestFailure.of(error, target, overTls, false);
        return new Failed(failure.cause(), failure.message());
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_BODY_EXCERPT), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + text + (body.length > MAX_BODY_EXCERPT ? "..." : "");
    }
}
