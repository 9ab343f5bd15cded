package dev.scalerhost.host.secrets;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The values the host must never show, and their redaction from any text: what {@code ${ENV}} and
 * {@code ${file:...}} substituted into the configuration, and what plugins read with
 * {@code Settings.secret}. Process-wide, because a value read once may turn up in a plugin's text at
 * any later time; values are only added, never forgotten (a reload may leave calls running with the
 * previous ones).
 *
 * <p>Values shorter than {@value #MIN_LENGTH} characters, numbers and {@code true}/{@code false} are
 * not kept: a substituted port, target or switch is configuration rather than a secret, and replacing
 * every "5432" or "true" in every message would make text unreadable while protecting nothing. A multi-line
 * value (a key file) is also kept line by line, since a message may quote a single line of it.
 */
public final class Secrets {

    /** The shortest value that is redacted. */
    public static final int MIN_LENGTH = 4;
    /** What a redacted value is replaced with. */
    public static final String MASK = "[redacted]";

    private static final Pattern NOT_SECRET =
            Pattern.compile("(?i)[-+]?[0-9]+(\\.[0-9]+)?|true|false");
    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
    /** Longest first, so that a value containing another is replaced whole. */
    private static volatile List<String> ordered = List.of();

    private Secrets() {
    }

    /** Never shows {@code value} (and each of its lines) from now on; null and short values are ignored. */
    public static void remember(String value) {
        if (value == null) {
            return;
        }
        boolean added = add(value.strip());
        if (value.indexOf('\n') >= 0) {
            for (String line : value.split("\r?\n")) {
                added |= add(line.strip());
            }
        }
        if (added) {
            reorder();
        }
    }

    /** {@code text} with every remembered value, as written or JSON-escaped, replaced by {@link #MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : ordered) {
            if (result.contains(value)) {
                result = result.replace(value, MASK);
            }
        }
        return result;
    }

    /** Whether any value is remembered: lets hot paths skip work. */
    public static boolean none() {
        return ordered.isEmpty();
    }

    /** The remembered values (and their JSON-escaped forms), longest first. */
    static List<String> values() {
        return ordered;
    }

    private static boolean add(String value) {
        if (value.length() < MIN_LENGTH || NOT_SECRET.matcher(value).matches()) {
            return false;
        }
        boolean added = VALUES.add(value);
        String escaped = jsonEscaped(value);
        if (!escaped.equals(value)) {
            added |= VALUES.add(escaped);
        }
        return added;
    }

    private static synchronized void reorder() {
        List<String> values = new ArrayList<>(VALUES);
        values.sort(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        ordered = List.copyOf(values);
    }

    /** How a JSON log line writes {@code value} inside a string. */
    static String jsonEscaped(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
