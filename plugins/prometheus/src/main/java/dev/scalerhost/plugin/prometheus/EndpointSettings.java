package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.plugin.support.PemTls;
import dev.scalerhost.plugin.support.http.EndpointKeys;
import dev.scalerhost.plugin.support.http.HttpEndpoint;
import dev.scalerhost.spi.Settings;
import java.util.Optional;

/**
 * How to reach one HTTP endpoint: URL, authentication headers and TLS, read from a source's keys.
 * Secrets are kept only in the endpoint's headers and secrets and never in {@link #describe()}.
 * How long a request may take is the host's {@code timeout}, which reaches the source as the deadline.
 *
 * @param http      the URL, headers (authentication included) and TLS context
 * @param unsafeSsl whether the server's certificate goes unchecked (KEDA's {@code unsafeSsl})
 */
record EndpointSettings(HttpEndpoint http, boolean unsafeSsl) {

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
        String headersKey = keda ? oneSpelling(settings, "headers", "customHeaders") : "headers";
        if (keda) {
            // Read the spellings not used too, so that both count as known keys.
            settings.optionalString(urlKey.equals("url") ? "serverAddress" : "url");
            settings.stringMap(headersKey.equals("headers") ? "customHeaders" : "headers");
        }
        boolean unsafeSsl = keda && settings.bool("unsafeSsl", false);
        Optional<HttpEndpoint> http = EndpointKeys.read(settings, urlKey, headersKey, allowQuery, tls -> {
            if (unsafeSsl && tls.flatMap(section -> section.optionalString("caFile")).isPresent()) {
                settings.problem("unsafeSsl", "unsafeSsl: true skips checking the server's certificate, and tls.caFile "
                        + "says which CA to check it against: remove one (tls.caFile is the safe choice)");
            }
            return tls.isPresent() || unsafeSsl ? PemTls.sslContext(tls.orElse(null), unsafeSsl) : null;
        });
        return http.map(endpoint -> new EndpointSettings(endpoint, unsafeSsl));
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
        return HttpEndpoint.origin(http.url()) + Optional.ofNullable(http.url().getRawPath()).orElse("");
    }
}
