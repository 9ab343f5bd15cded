package dev.scalerhost.plugin.httpjson;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.scalerhost.plugin.support.http.FetchResult;
import dev.scalerhost.plugin.support.http.RequestFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the answer to one GET of a JSON document: the document its bindings read, or the failure of
 * all of them. The causes are {@link RequestFailure}'s and {@code too_large}, {@code not_json}. A
 * message names the URL and may still hold a secret echoed by the server until the source redacts it.
 */
final class JsonResponse {

    /** Metrics APIs answer with a few kilobytes; far more means a wrong URL. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    private static final int MAX_BODY_EXCERPT = 200;

    private JsonResponse() {
    }

    /** The document of a response with {@code status} and {@code body} from {@code target}. */
    static FetchResult<JsonDocument> read(int status, byte[] body, String contentType, String target) {
        if (status == 401 || status == 403) {
            return FetchResult.failed("unauthorized", target + " refused the request with HTTP " + status
                    + "; check bearerToken, username and password, or headers" + excerpt(body));
        }
        if (status < 200 || status > 299) {
            return FetchResult.failed("http_status", target + " answered HTTP " + status + excerpt(body));
        }
        try {
            return FetchResult.content(JsonDocument.parse(body));
        } catch (JsonProcessingException e) {
            return FetchResult.failed("not_json", "the response of " + target + " (" + contentType + ") is not JSON: "
                    + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        } catch (IOException e) {
            return FetchResult.failed("not_json", "the response of " + target + " (" + contentType
                    + ") is not JSON: " + e.getMessage());
        }
    }

    /** The failure of a request to {@code target}, over TLS or not, that ended with {@code error}. */
    static FetchResult<JsonDocument> failed(Throwable error, String target, boolean overTls) {
        Throwable cause = RequestFailure.unwrap(error);
        if (cause instanceof CappedBody.TooLarge) {
            return FetchResult.failed("too_large", "the response of " + target + " was refused: " + cause.getMessage());
        }
        return new FetchResult.Failed<>(RequestFailure.of(error, target, overTls, false));
    }

    private static String excerpt(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, MAX_BODY_EXCERPT), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return text.isEmpty() ? "" : ": " + text + (body.length > MAX_BODY_EXCERPT ? "..." : "");
    }
}
