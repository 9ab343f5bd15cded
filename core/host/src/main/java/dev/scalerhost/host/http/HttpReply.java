package dev.scalerhost.host.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A complete answer of one endpoint.
 *
 * @param status      the HTTP status code
 * @param contentType the {@code Content-Type} header
 * @param body        the body, sent whole
 */
record HttpReply(int status, String contentType, byte[] body) {

    static final String TEXT = "text/plain; charset=utf-8";

    HttpReply {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
    }

    static HttpReply text(int status, String body) {
        return new HttpReply(status, TEXT, body.getBytes(StandardCharsets.UTF_8));
    }
}
