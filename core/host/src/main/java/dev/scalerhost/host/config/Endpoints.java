package dev.scalerhost.host.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network endpoints a configuration value names, whatever plugin reads it: a URL
 * ({@code http://prom:9090/}, {@code jdbc:postgresql://db1:5432,db2:5433/x},
 * {@code SASL_SSL://broker:9093}) or a {@code host:port} list ({@code kafka-1:9092,kafka-2:9092}).
 * Other text names none. Pure text work: nothing is resolved.
 */
final class Endpoints {

    /**
     * One host and port named in a value.
     *
     * @param host the host as written, lowercase, without IPv6 brackets
     * @param port the port, explicit or the scheme's default
     */
    record Endpoint(String host, int port) {
        Endpoint {
            Objects.requireNonNull(host, "host");
        }
    }

    /** Ports implied by a URL scheme without an explicit port. */
    private static final Map<String, Integer> DEFAULT_PORTS = Map.of(
            "http", 80, "https", 443, "postgresql", 5432, "postgres", 5432,
            "redis", 6379, "rediss", 6379, "amqp", 5672, "amqps", 5671, "nats", 4222);

    /** {@code scheme://authority}, where the scheme may itself be prefixed ({@code jdbc:postgresql://}). */
    private static final Pattern URL = Pattern.compile(
            "\\s*(?:[A-Za-z][A-Za-z0-9+.\\-]*:)*([A-Za-z][A-Za-z0-9+.\\-_]*)://([^/?#\\s]*).*", Pattern.DOTALL);
    private static final String HOST_PORT = "(?:\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9_.\\-]+):[0-9]{1,5}";
    private static final Pattern HOST_PORT_LIST = Pattern.compile(
            "\\s*" + HOST_PORT + "(?:\\s*,\\s*" + HOST_PORT + ")*\\s*");

    private Endpoints() {
    }

    /** The endpoints {@code value} names, in order; empty if it names none. */
    static List<Endpoint> in(String value) {
        Objects.requireNonNull(value, "value");
        Matcher url = URL.matcher(value);
        if (url.matches()) {
            String scheme = url.group(1).toLowerCase(Locale.ROOT);
            String authority = url.group(2);
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            return hosts(authority, DEFAULT_PORTS.getOrDefault(scheme, -1));
        }
        if (HOST_PORT_LIST.matcher(value).matches()) {
            return hosts(value, -1);
        }
        return List.of();
    }

    /** {@code host[:port]} items separated by commas; items without a port take {@code defaultPort}, or are left out. */
    private static List<Endpoint> hosts(String list, int defaultPort) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String item : list.split(",")) {
            String hostPort = item.strip();
            String host;
            String port = null;
            if (hostPort.startsWith("[")) {
                int close = hostPort.indexOf(']');
                if (close < 0) {
                    continue;
                }
                host = hostPort.substring(1, close);
                if (hostPort.startsWith(":", close + 1)) {
                    port = hostPort.substring(close + 2);
                }
            } else {
                int colon = hostPort.lastIndexOf(':');
                host = colon < 0 ? hostPort : hostPort.substring(0, colon);
                port = colon < 0 ? null : hostPort.substring(colon + 1);
            }
            int number = port == null || port.isEmpty() ? defaultPort : parsePort(port);
            if (!host.isEmpty() && number > 0) {
                endpoints.add(new Endpoint(host.toLowerCase(Locale.ROOT), number));
            }
        }
        return endpoints;
    }

    private static int parsePort(String text) {
        if (!text.matches("[0-9]{1,5}")) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }
}
