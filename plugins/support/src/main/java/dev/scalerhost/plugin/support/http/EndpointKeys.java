package dev.scalerhost.plugin.support.http;

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
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The source keys every HTTP source reads alike: a URL, custom headers, and {@code bearerToken} or
 * {@code username} and {@code password}. Problems go to the settings, each under its key.
 */
public final class EndpointKeys {

    /** Headers that java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final String HEADER_NAME = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    /** Shorter header values are too common to redact without mangling messages. */
    private static final int MIN_REDACTED_LENGTH = 6;

    private EndpointKeys() {
    }

    /**
     * Reads an endpoint: the URL under {@code urlKey}, the headers under {@code headersKey},
     * authentication, and the {@code tls} section through {@code tls} (given the section if there is
     * one; {@code null} for the JDK's trust). Empty if there were problems.
     *
     * @param allowQuery whether the URL may carry a query string
     */
    public static Optional<HttpEndpoint> read(Settings settings, String urlKey, String headersKey, boolean allowQuery,
            Function<Optional<Settings>, SSLContext> tls) {
        URI url = url(settings, urlKey, allowQuery);
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        headers(settings, headersKey, headers, secrets);
        authentication(settings, headers, secrets);
        Optional<Settings> section = settings.section("tls");
        SSLContext sslContext = tls.apply(section);
        if (section.isPresent() && sslContext != null && url != null && !"https".equals(url.getScheme())) {
            settings.problem("tls", "is set but " + urlKey + " is not https");
        }
        return settings.hasProblems() ? Optional.empty()
                : Optional.of(new HttpEndpoint(url, headers, sslContext, secrets));
    }

    /**
     * The absolute http or https URL under {@code key}, or {@code null} if it is absent or has a problem.
     *
     * @param allowQuery whether the URL may carry a query string
     */
    public static URI url(Settings settings, String key, boolean allowQuery) {
        String text = settings.string(key);
        if (text == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip());
        } catch (URISyntaxException e) {
            settings.problem(key, "is not a valid URL: " + e.getReason());
            return null;
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            settings.problem(key, "must start with http:// or https://");
        } else if (url.getHost() == null) {
            settings.problem(key, "has no host name");
        } else if (url.getRawUserInfo() != null) {
            settings.problem(key, "must not contain credentials; use username and password");
        } else if (url.getRawFragment() != null || (!allowQuery && url.getRawQuery() != null)) {
            settings.problem(key, allowQuery ? "must not contain a fragment (#...)"
                    : "must not contain a query string or fragment; put extra parameters under queryParameters");
        } else {
            return url;
        }
        return null;
    }

    /** Adds the headers under {@code key} to {@code headers}; values long enough to redact to {@code secrets}. */
    public static void headers(Settings settings, String key, Map<String, String> headers, List<String> secrets) {
        settings.stringMap(key).forEach((name, value) -> {
            if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                settings.problem(key, "header '" + name + "' is set by the HTTP client and cannot be configured");
            } else if (!name.matches(HEADER_NAME)) {
                settings.problem(key, "'" + name + "' is not a valid HTTP header name");
            } else {
                headers.put(name, value);
                if (value.length() >= MIN_REDACTED_LENGTH) {
                    secrets.add(value);
                }
            }
        });
    }

    /**
     * Adds the {@code Authorization} header of {@code bearerToken} or {@code username} and
     * {@code password}, if set, and its secrets; call after {@link #headers}, whose own
     * {@code Authorization} header conflicts with them.
     */
    public static void authentication(Settings settings, Map<String, String> headers, List<String> secrets) {
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
