package dev.scalerhost.plugin.postgres;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a libpq connection string, as KEDA's postgresql scaler takes it under {@code connection}: the
 * key/value form ({@code host=db port=5432 user=scaler password='a b' dbname=queue sslmode=require}) or
 * the URI form ({@code postgresql://scaler:secret@db:5432/queue?sslmode=require}). Messages never
 * quote the string: it usually holds a password.
 */
final class ConnectionString {

    static final String DEFAULT_PORT = "5432";

    private ConnectionString() {
    }

    /**
     * The libpq keywords of {@code text}, e.g. {@code host}, {@code port}, {@code dbname}, {@code user},
     * {@code password}, {@code sslmode}.
     *
     * @throws IllegalArgumentException with a message free of the string's values
     */
    static Map<String, String> parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("postgresql://") || trimmed.startsWith("postgres://")) {
            return uri(trimmed.substring(trimmed.indexOf("://") + 3));
        }
        return keyValues(trimmed);
    }

    private static Map<String, String> keyValues(String text) {
        Map<String, String> keywords = new LinkedHashMap<>();
        int i = 0;
        while (true) {
            i = skipBlanks(text, i);
            if (i >= text.length()) {
                return keywords;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                throw new IllegalArgumentException("is neither a postgresql:// URI nor libpq's keyword=value form: "
                        + "keyword " + (keywords.size() + 1) + " has no '='");
            }
            String keyword = text.substring(i, equals).strip();
            if (keyword.isEmpty() || !keyword.matches("[a-z_]+")) {
                throw new IllegalArgumentException("keyword " + (keywords.size() + 1) + " is not a libpq keyword");
            }
            i = skipBlanks(text, equals + 1);
            StringBuilder value = new StringBuilder();
            if (i < text.length() && text.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < text.length()) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < text.length()) {
                        value.append(text.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        value.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("the quoted value of '" + keyword + "' has no closing quote");
                }
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < text.length()) {
                        c = text.charAt(i++);
                    }
                    value.append(c);
                }
            }
            keywords.put(keyword, value.toString());
        }
    }

    private static Map<String, String> uri(String rest) {
        Map<String, String> keywords = new LinkedHashMap<>();
        int queryStart = rest.indexOf('?');
        String query = queryStart < 0 ? "" : rest.substring(queryStart + 1);
        String beforeQuery = queryStart < 0 ? rest : rest.substring(0, queryStart);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        if (slash >= 0 && slash + 1 < beforeQuery.length()) {
            keywords.put("dbname", decode(beforeQuery.substring(slash + 1)));
        }
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            keywords.put("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                keywords.put("password", decode(userInfo.substring(colon + 1)));
            }
            authority = authority.substring(at + 1);
        }
        List<String> hosts = new ArrayList<>();
        List<String> ports = new ArrayList<>();
        for (String hostPort : authority.split(",", -1)) {
            String host = hostPort;
            String port = "";
            if (hostPort.startsWith("[") && hostPort.indexOf(']') > 0) {
                int close = hostPort.indexOf(']');
                host = hostPort.substring(1, close);
                port = close + 1 < hostPort.length() && hostPort.charAt(close + 1) == ':' ? hostPort.substring(close + 2) : "";
            } else if (hostPort.lastIndexOf(':') >= 0) {
                host = hostPort.substring(0, hostPort.lastIndexOf(':'));
                port = hostPort.substring(hostPort.lastIndexOf(':') + 1);
            }
            hosts.add(decode(host));
            ports.add(port.isEmpty() ? DEFAULT_PORT : port);
        }
        if (!authority.isEmpty()) {
            keywords.put("host", String.join(",", hosts));
            keywords.put("port", String.join(",", ports));
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("a URI parameter is not keyword=value");
            }
            keywords.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
        }
        return keywords;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("has an invalid %-escape");
        }
    }

    private static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
