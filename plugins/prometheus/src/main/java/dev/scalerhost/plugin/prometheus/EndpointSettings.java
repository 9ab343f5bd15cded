package dev.scalerhost.plugin.prometheus;

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
 * How to reach one HTTP endpoint: URL, authentication headers and TLS, read from a source's keys.
 * Secrets are kept only in {@link #headers} and {@link #secrets} and never in {@link #describe()}.
 * How long a request may take is the host's {@code timeout}, which reaches the source as the deadline.
 *
 * @param url         the endpoint URL, without user info
 * @param headers     headers sent with every request, authentication included
 * @param sslContext  the TLS context for a custom CA or a client certificate, or {@code null} for the JDK's
 * @param secrets     values that must never appear in a message
 */
record EndpointSettings(URI url, Map<String, String> headers, SSLContext sslContext,
                        List<String> secrets, boolean unsafeSsl) {

    /** Headers that java.net.http sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final int MIN_REDACTED_HEADER_LENGTH = 6;

    EndpointSettings {
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }

    /** Which keys a source reads: its own, or also KEDA's prometheus scaler's spellings of them. */
    enum Keys {
        /** {@code url}, {@code headers}. */
        OWN,
        /** Also {@code serverAddress}, {@code customHeaders} and {@code unsafeSsl}, as KEDA's prometheus scaler. */
        KEDA_PROMETHEUS
    }

    /** Reads the endpoint with the source's own keys only. */
    static Optional<EndpointSettings> read(Settings settings, boolean allowQuery) {
        return read(settings, allowQuery, Keys.OWN);
    }

    /**
     * Reads {@code url}, {@code bearerToken}, {@code username}, {@code password},
     * {@code headers} and {@code tls} ({@code caFile}, {@code certFile}, {@code keyFile}); problems
     * go to {@code settings}.
     *
     * @param allowQuery whether the URL may carry a query string
     * @return the settings, or empty if there were problems
     */
    static Optional<EndpointSettings> read(Settings settings, boolean allowQuery, Keys keys) {
        boolean keda = keys == Keys.KEDA_PROMETHEUS;
        String urlKey = keda ? oneSpelling(settings, "url", "serverAddress") : "url";
        URI url = readUrl(settings, urlKey, allowQuery);
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        String headersKey = keda ? oneSpelling(settings, "headers", "customHeaders") : "headers";
        readCustomHeaders(settings, headersKey, headers, secrets);
        if (keda) {
            // Read the spellings not used too, so that both count as known keys.
            settings.optionalString(urlKey.equals("url") ? "serverAddress" : "url");
            settings.stringMap(headersKey.equals("headers") ? "customHeaders" : "headers");
        }
        readAuthentication(settings, headers, secrets);
        boolean unsafeSsl = keda && settings.bool("unsafeSsl", false);
        Optional<Settings> tls = settings.section("tls");
        if (unsafeSsl && tls.flatMap(section -> section.optionalString("caFile")).isPresent()) {
            settings.problem("unsafeSsl", "unsafeSsl: true skips checking the server's certificate, and tls.caFile "
                    + "says which CA to check it against: remove one (tls.caFile is the safe choice)");
        }
        SSLContext sslContext = tls.isPresent() || unsafeSsl ? PemTls.sslContext(tls.orElse(null), unsafeSsl) : null;
        if (tls.isPresent() && url != null && !"https".equals(url.getScheme())) {
            settings.problem("tls", "is set but " + urlKey + " is not https");
        }
        if (settings.hasProblems()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointSettings(url, headers, sslContext, secrets, unsafeSsl));
    }

    /**
     * Which of two spellings of one key a source uses; both read (so either is a known key), giving
     * both is a problem.
     */
    static String oneSpelling(Settings settings, String own, String keda) {
        if (settings.has(own) && settings.has(keda)) {
            settings.problem(keda, "'" + own + "' and '" + keda + "' are two spellings of the same key: give only one");
        }
        return settings.has(keda) && !settings.has(own) ? keda : own;
    }

    /** The endpoint for messages and {@code /status}: scheme, host, port and path only. */
    String describe() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "")
                + Optional.ofNullable(url.getRawPath()).orElse("");
    }

    /** Whether requests go over TLS ({@code https}). */
    boolean overTls() {
        return "https".equals(url.getScheme());
    }

    /** {@code text} with every secret replaced by {@code ***}. */
    String redact(String text) {
        String redacted = text;
        for (String secret : secrets) {
            redacted = redacted.replace(secret, "***");
        }
        return redacted;
    }

    private static URI readUrl(Settings settings, String key, boolean allowQuery) {
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
            return null;
        }
        if (url.getHost() == null) {
            settings.problem(key, "has no host name");
            return null;
        }
        if (url.getRawUserInfo() != null) {
            settings.problem(key, "must not contain credentials; use username and password");
            return null;
        }
        if (url.getRawFragment() != null || (!allowQuery && url.getRawQuery() != null)) {
            settings.problem(key, allowQuery ? "must not contain a fragment (#...)"
                    : "must not contain a query string or fragment; put extra parameters under queryParameters");
            return null;
        }
        return url;
    }

    private static void readCustomHeaders(Settings settings, String key, Map<String, String> headers,
            List<String> secrets) {
        settings.stringMap(key).forEach((name, value) -> {
            if (RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                settings.problem(key, "header '" + name + "' is set by the HTTP client and cannot be configured");
            } else if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
                settings.problem(key, "'" + name + "' is not a valid HTTP header name");
            } else {
                headers.put(name, value);
                if (value.length() >= MIN_REDACTED_HEADER_LENGTH) {
                    secrets.add(value);
                }
            }
        });
    }

    private static void readAuthentication(Settings settings, Map<String, String> headers, List<String> secrets) {
        Optional<String> token = settings.secret("bearerToken");
        Optional<String> username = settings.optionalString("username");
        Optional<String> password = settings.secret("password");
        boolean authorizationHeader = headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("authorization"));
        if (token.isPresent() && username.isPresent()) {
            settings.problem("bearerToken", "set either bearerToken or username and password, not both");
            return;
        }
        if ((token.isPresent() || username.isPresent()) && authorizationHeader) {
            settings.problem("headers", "an Authorization header conflicts with bearerToken or username");
            return;
        }
        if (password.isPresent() && username.isEmpty()) {
            settings.problem("password", "is set without username");
            return;
        }
        token.ifPresent(value -> {
            headers.put("Authorization", "Bearer " + value.strip());
            secrets.add(value.strip());
        });
        username.ifPresent(user -> {
            String pass = password.orElse("");
            String encoded = Base64.getEncoder()
                    .encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
            headers.put("Authorization", "Basic " + encoded);
            secrets.add(encoded);
            if (!pass.isEmpty()) {
                secrets.add(pass);
            }
        });
    }
}
