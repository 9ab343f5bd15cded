package dev.scalerhost.plugin.support.http;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * How to reach one HTTP server: its URL, the headers sent with every request (authentication
 * included) and the TLS context. Secrets live only in {@link #headers} and {@link #secrets}; messages
 * show a URL without its query string.
 *
 * @param url        the source's URL, without user info
 * @param headers    headers sent with every request
 * @param sslContext the TLS context for a custom CA or a client certificate, or {@code null} for the JDK's
 * @param secrets    values that must never appear in a message
 */
public record HttpEndpoint(URI url, Map<String, String> headers, SSLContext sslContext, List<String> secrets) {

    public HttpEndpoint {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }

    /** Whether requests go over TLS ({@code https}). */
    public boolean overTls() {
        return "https".equals(url.getScheme());
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    public String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }

    /** Scheme, host and port of {@code uri}. */
    public static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    /** A URL for messages and {@code /status}: scheme, host, port and path ({@code /} if none), never the query. */
    public static String describe(URI uri) {
        return origin(uri) + Optional.ofNullable(uri.getRawPath()).filter(path -> !path.isEmpty()).orElse("/");
    }
}
