package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.plugin.support.PemTls;
import dev.scalerhost.plugin.support.http.EndpointKeys;
import dev.scalerhost.plugin.support.http.HttpEndpoint;
import dev.scalerhost.spi.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The server of one source: its default URL, the headers sent with every request (authentication
 * included) and the TLS trust ({@code tls.caFile}), and the URLs its bindings may name.
 *
 * @param http the source's URL, headers and TLS
 */
record Endpoint(HttpEndpoint http) {

    /** Reads the source keys; every problem goes to {@code settings}. Empty if there were any. */
    static Optional<Endpoint> read(Settings settings) {
        return EndpointKeys.read(settings, "url", "headers", true, tls -> tls.map(PemTls::caTrust).orElse(null))
                .map(Endpoint::new);
    }

    /**
     * A binding's {@code url}, resolved against the source's, or the source's when absent. Problems
     * go to {@code params} and give {@code null}.
     */
    URI resolve(Settings params) {
        URI url = http.url();
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
        if (!HttpEndpoint.origin(resolved).equals(HttpEndpoint.origin(url))) {
            params.problem("url", "must stay on the source's server " + HttpEndpoint.origin(url)
                    + ", because the source's "
                    + "credentials go with every request; declare another source for " + HttpEndpoint.origin(resolved));
            return null;
        }
        if (resolved.getRawUserInfo() != null || resolved.getRawFragment() != null) {
            params.problem("url", "must not contain credentials or a fragment (#...)");
            return null;
        }
        return resolved;
    }
}
