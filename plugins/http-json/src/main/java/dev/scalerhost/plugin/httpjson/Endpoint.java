package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.spi.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The server of one source: its default URL, the headers sent with every request (authentication
 * included) and the TLS trust. Secrets live only in {@link #headers} and {@link #secrets}; messages
 * show a URL as {@link #describe(URI)}, which leaves out the query string.
 *
 * @param url        the source's URL; bindings may name another path or query on the same origin
 * @param headers    headers sent with every request
 * @param sslContext trust for {@code tls.caFile}, or {@code null} for the JDK's
 * @param secrets    values that must never appear in a message
 */
record Endpoint(URI url, Map<String, String> headers, SSLContext sslContext, List<String> secrets) {

    /** Headers that java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** Shorter header values are too common to redact without mangling messages. */
    private static final int MIN_REDACTED_LENGTH = 6;

    Endpoint {
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }

    /** Reads the source keys; every problem goes to {@code settings}. Empty if there were any. */
    static Optional<Endpoint> read(Settings settings) {
        URI url = absoluteUrl(settings);
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        readHeaders(settings, headers, secrets);
        readAuthentication(settings, headers, secrets);
        SSLContext sslContext = settings.section("tls").map(CaTrust::sslContext).orElse(null);
        if (sslContext != null && url != null && !"https".equals(url.getScheme())) {
            settings.problem("tls", "is set but url is not https");
        }
        return settings.hasProblems() ? Optional.empty() : Optional.of(new Endpoint(url, headers, sslContext, secrets));
    }

    /**
     * A binding's {@code url}, resolved against the source's, or the source's when absent. Problems
     * go to {@code params} and give {@code null}.
     */
    URI resolve(Settings params) {
        Optional<String> text = params.optionalString("url");
        if (text.isEmpty()) {
            return url;
        }
        URI resolved;
        try {
            resolved = url.resolve(new URI(text.get().strip()));
        } catch (URISyntaxException e) {
            params.problem("url", "is not a valid URL or path: " + e.getReason());
            return null;
        }
        if (!origin(resolved).equals(origin(url))) {
            params.problem("url", "must stay on the source's server " + origin(url) + ", because the source's "
                    + "credentials go with every request; declare another source for " + origin(resolved));
            return null;
        }
        if (resolved.getRawUserInfo() != null || resolved.getRawFragment() != null) {
            params.problem("url", "must not contain credentials or a fragment (#...)");
            return null;
        }
        return resolved;
    }

    /** A URL for messages and {@code /status}: scheme, host, port and path, never the query string. */
    static String describe(URI uri) {
        return origin(uri) + Optional.ofNullable(uri.getRawPath()).filter(path -> !path.isEmpty()).orElse("/");
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }

    private static String origin(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
    }

    private static URI absoluteUrl(Settings settings) {
        String text = settings.string("url");
        if (text == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            settings.problem("url", "is not a valid URL: " + e.getReason());
            return null;
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            settings.problem("url", "must start with http:// or https://");
        } else if (url.getHost() == null) {
            settings.problem("url", "has no host name");
        } else if (url.getRawUserInfo() != null) {
            settings.problem("url", "must not contain credentials; use username and password");
        } else if (url.getRawFragment() != null) {
            settings.problem("url", "must not contain a fragment (#...)");
        } else {
            return url;
        }
        return null;
    }

    private static void readHeaders(Settings settings, Map<String, String> headers, List<String> secrets) {
        settings.stringMap("headers").forEach((name, value) -> {
            if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                settings.problem("headers", "header '" + name + "' is set by the HTTP client and cannot be configured");
            } else if (!name.matches(HEADER_NAME)) {
                settings.problem("headers", "'" + name + "' is not a valid HTTP header name");
            } else {
                headers.put(name, value);
                if (value.length() >= MIN_REDACTED_LENGTH) {
                    secrets.add(value);
                }
            }
        });
    }

    private static void readAuthentication(Settings settings, Map<String, String> headers, List<String> secrets) {
        Optional<String> token = settings.secret("bearerToken").map(String::strip);
        Optional<String> username = settings.optionalString("username");
        Optional<String> password = settings.secret("password");
        boolean authorizationHeader = headers.keySet().stream().anyMatch("authorization"::equalsIgnoreCase);
        if (token.isPresent() && username.isPresent()) {
            settings.problem("bearerToken", "set either bearerToken or username and password, not both");
        } else if ((token.isPresent() || username.isPresent()) && authorizationHeader) {
            settings.problem("headers", "an Authorization header conflicts with bearerToken or username");
        } else if (password.isPresent() && username.isEmpty()) {
            settings.problem("password", "is set without username");
        } else if (token.isPresent()) {
            if (token.get().isEmpty()) {
                settings.problem("bearerToken", "is empty; check the variable or file it comes from");
                return;
            }
            headers.put("Authorization", "Bearer " + token.get());
            secrets.add(token.get());
        } else if (username.isPresent()) {
            String pass = password.orElse("");
            String encoded = Base64.getEncoder().encodeToString((username.get() + ":" + pass)
                    .getBytes(StandardCharsets.UTF_8));
            headers.put("Authorization", "Basic " + encoded);
            secrets.add(encoded);
            if (!pass.isEmpty()) {
                secrets.add(pass);
            }
        }
    }
}
