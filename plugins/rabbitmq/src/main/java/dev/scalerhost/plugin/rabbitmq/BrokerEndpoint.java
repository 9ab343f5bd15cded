package dev.scalerhost.plugin.rabbitmq;

import dev.scalerhost.plugin.support.PemTls;
import dev.scalerhost.spi.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * One RabbitMQ broker as a source names it: {@code url} (the management API, {@code http(s)://host:15672},
 * or AMQP, {@code amqp(s)://host:5672}, for brokers without the management plugin), {@code username},
 * {@code password} and {@code tls} ({@code caFile}, {@code certFile}, {@code keyFile}). Credentials never
 * go into the URL, so they never show in a message.
 */
record BrokerEndpoint(URI url, String username, String password, SSLContext tls) {

    static Optional<BrokerEndpoint> read(Settings settings) {
        URI url = url(settings);
        String username = settings.string("username");
        String password = settings.secret("password").orElse(null);
        if (password == null) {
            settings.problem("password", "required: the password of username (e.g. ${file:/var/run/secrets/rabbitmq/password})");
        }
        SSLContext tls = settings.section("tls").map(PemTls::sslContext).orElse(null);
        if (url != null && tls != null && !url.getScheme().endsWith("s")) {
            settings.problem("tls", "is set but url is " + url.getScheme() + "://; use https:// or amqps://");
        }
        if (settings.hasProblems()) {
            return Optional.empty();
        }
        return Optional.of(new BrokerEndpoint(url, username, password, tls));
    }

    private static URI url(Settings settings) {
        String text = settings.string("url");
        if (text == null) {
            return null;
        }
        URI url;
        try {
            url = new URI(text.strip().replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            settings.problem("url", "is not a valid URL: " + e.getReason());
            return null;
        }
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https") || scheme.equals("amqp")
                || scheme.equals("amqps"))) {
            settings.problem("url", "must start with http:// or https:// (the management API) or amqp:// or amqps://");
            return null;
        }
        if (url.getHost() == null) {
            settings.problem("url", "has no host name");
            return null;
        }
        if (url.getRawUserInfo() != null) {
            settings.problem("url", "must not contain credentials; use username and password");
            return null;
        }
        if (isAmqp(url) && url.getRawPath() != null && !url.getRawPath().isEmpty()) {
            settings.problem("url", "must not name a vhost; each binding's vhostName does");
            return null;
        }
        if (url.getRawQuery() != null || url.getRawFragment() != null) {
            settings.problem("url", "must not contain a query string or fragment");
            return null;
        }
        return url;
    }

    private static boolean isAmqp(URI url) {
        return url.getScheme().startsWith("amqp");
    }

    /** Whether the source talks AMQP rather than the management API. */
    boolean amqp() {
        return isAmqp(url);
    }

    /** The URL for messages and {@code /status}; it never carries credentials. */
    String describe() {
        return url.toString();
    }

    String redact(String text) {
        if (text == null) {
            return "";
        }
        return password == null || password.length() < 4 ? text : text.replace(password, "***");
    }
}
