package dev.scalerhost.plugin.redis;

import dev.scalerhost.plugin.support.PemTls;
import dev.scalerhost.spi.Settings;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import redis.clients.jedis.ClientSetInfoConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

/**
 * One Redis server as a source names it: {@code address} ({@code host:port}, or KEDA's {@code host}
 * and {@code port}), {@code username}, {@code password}, and TLS ({@code enableTLS: true} as in KEDA,
 * or a {@code tls:} section with {@code caFile}, {@code certFile}, {@code keyFile}, which implies it).
 * The password is kept for the connection only and never described.
 */
record RedisEndpoint(String host, int port, String username, String password, SSLContext tls) {

    static final int DEFAULT_PORT = 6379;

    /** Reads the source's connection keys; problems go to {@code settings}. Empty if there were any. */
    static Optional<RedisEndpoint> read(Settings settings) {
        String address = settings.optionalString("address").orElse(null);
        String host = settings.optionalString("host").orElse(null);
        int port = settings.integer("port", DEFAULT_PORT, 1, 65_535);
        if (address != null && host != null) {
            settings.problem("host", "give either address (host:port) or host and port, not both");
        } else if (address == null && host == null) {
            settings.problem("address", "required: the Redis server as host:port (or give host and port)");
        } else if (address != null) {
            String trimmed = address.strip();
            int colon = trimmed.lastIndexOf(':');
            if (colon <= 0 || colon == trimmed.length() - 1) {
                settings.problem("address", "must be host:port, e.g. redis.default.svc:6379");
            } else {
                host = trimmed.substring(0, colon);
                try {
                    port = Integer.parseInt(trimmed.substring(colon + 1));
                    if (port < 1 || port > 65_535) {
                        settings.problem("address", "the port must be between 1 and 65535");
                    }
                } catch (NumberFormatException e) {
                    settings.problem("address", "must be host:port with a numeric port, e.g. redis.default.svc:6379");
                }
            }
        }
        // Empty counts as absent, so that ${REDIS_PASSWORD:-} works for servers without a password.
        String username = settings.optionalString("username").filter(name -> !name.isEmpty()).orElse(null);
        String password = settings.secret("password").filter(secret -> !secret.isEmpty()).orElse(null);
        boolean enableTls = settings.bool("enableTLS", false);
        SSLContext tls = null;
        Optional<Settings> tlsSection = settings.section("tls");
        if (tlsSection.isPresent()) {
            tls = PemTls.sslContext(tlsSection.get());
        } else if (enableTls) {
            try {
                tls = SSLContext.getDefault();
            } catch (java.security.NoSuchAlgorithmException e) {
                settings.problem("enableTLS", "the JVM offers no default TLS context: " + e.getMessage());
            }
        }
        if (settings.hasProblems()) {
            return Optional.empty();
        }
        return Optional.of(new RedisEndpoint(host, port, username, password, tls));
    }

    /** {@code host:port}, with {@code (TLS)} when it applies; never a credential. */
    String describe() {
        return host + ":" + port + (tls != null ? " (TLS)" : "");
    }

    HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    /** The client settings for one connection that must be ready within {@code timeoutMillis}. */
    JedisClientConfig clientConfig(String clientName, int timeoutMillis) {
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMillis)
                .socketTimeoutMillis(timeoutMillis)
                .clientName(clientName)
                // CLIENT SETINFO would add two commands per connection, and fails on older servers.
                .clientSetInfoConfig(ClientSetInfoConfig.DISABLED);
        if (username != null) {
            config.user(username);
        }
        if (password != null) {
            config.password(password);
        }
        if (tls != null) {
            SSLParameters parameters = new SSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            config.ssl(true).sslSocketFactory(tls.getSocketFactory()).sslParameters(parameters);
        }
        return config.build();
    }

    /** {@code text} without the password, should a server or library ever echo it. */
    String redact(String text) {
        if (text == null) {
            return "";
        }
        return password == null || password.isEmpty() ? text : text.replace(password, "***");
    }
}
