package dev.scalerhost.plugin.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Parses the Prometheus text exposition format (0.0.4) and the OpenMetrics text format into samples
 * by sample name: {@code # HELP}, {@code # TYPE}, {@code # UNIT} and other comments, escaped label
 * values, quoted UTF-8 metric and label names, timestamps, {@code NaN} and {@code ±Inf}, exemplars and
 * {@code # EOF}. Histogram and summary samples keep their own names ({@code _bucket}, {@code _sum},
 * {@code _count}); a label with an empty value counts as absent, as in PromQL.
 *
 * <p>A malformed line fails the whole parse, as it fails a Prometheus scrape.
 */
final class TextFormatParser {

    private static final Set<String> TYPES = Set.of(
            "counter", "gauge", "histogram", "summary", "untyped", "unknown", "gaugehistogram", "stateset", "info");

    /** A line that is not valid text format. */
    static final class ParseException extends Exception {
        private static final long serialVersionUID = 1L;

        ParseException(int line, String message) {
            super("line " + line + ": " + message);
        }
    }

    private final String text;
    private int pos;
    private int lineNumber;
    private int lineEnd;

    private TextFormatParser(String text) {
        this.text = text;
    }

    /** The samples of {@code text}, grouped by sample name, in order of appearance. */
    static Map<String, List<Series>> parse(String text) throws ParseException {
        return new TextFormatParser(text).parseAll();
    }

    private Map<String, List<Series>> parseAll() throws ParseException {
        Map<String, List<Series>> samples = new HashMap<>();
        int lineStart = 0;
        while (lineStart < text.length()) {
            int newline = text.indexOf('\n', lineStart);
            lineEnd = newline < 0 ? text.length() : newline;
            if (lineEnd > lineStart && text.charAt(lineEnd - 1) == '\r') {
                lineEnd--;
            }
            lineNumber++;
            pos = lineStart;
            skipBlanks();
            if (pos < lineEnd) {
                if (text.charAt(pos) == '#') {
                    if (comment()) {
                        break;
                    }
                } else {
                    sample(samples);
                }
            }
            lineStart = newline < 0 ? text.length() : newline + 1;
        }
        return samples;
    }

    /** Reads a comment line; returns true at {@code # EOF}. */
    private boolean comment() throws ParseException {
        pos++;
        if (pos < lineEnd && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
            return false;
        }
        skipBlanks();
        String keyword = token();
        switch (keyword) {
            case "EOF":
                return true;
            case "HELP", "UNIT":
                requireName(keyword);
                return false;
            case "TYPE": {
                requireName(keyword);
                skipBlanks();
                String type = token();
                if (!TYPES.contains(type)) {
                    throw error("unknown metric type '" + type + "'");
                }
                return false;
            }
            default:
                return false;
        }
    }

    private void requireName(String keyword) throws ParseException {
        skipBlanks();
        if (pos >= lineEnd) {
            throw error("# " + keyword + " without a metric name");
        }
        if (text.charAt(pos) == '"') {
            quoted();
        } else {
            identifier("metric name");
        }
    }

    private void sample(Map<String, List<Series>> samples) throws ParseException {
        String name = text.charAt(pos) == '{' ? null : identifier("metric name");
        Map<String, String> labels = new TreeMap<>();
        boolean blank = skipBlanks();
        if (pos < lineEnd && text.charAt(pos) == '{') {
            name = labels(name, labels);
            blank = skipBlanks();
        }
        if (name == null) {
            throw error("sample without a metric name");
        }
        if (!blank) {
            throw error("expected a space and a value after " + name);
        }
        double value = number("value");
        if (skipBlanks() && pos < lineEnd && text.charAt(pos) != '#') {
            number("timestamp");
            skipBlanks();
        }
        if (pos < lineEnd && text.charAt(pos) != '#') {
            throw error("unexpected text after the value: '" + text.substring(pos, lineEnd) + "'");
        }
        labels.values().removeIf(String::isEmpty);
        samples.computeIfAbsent(name, key -> new ArrayList<>()).add(new Series(labels, value));
    }

    /** Reads {@code {...}} into {@code labels}; returns the metric name, which may be quoted inside. */
    private String labels(String name, Map<String, String> labels) throws ParseException {
        pos++;
        String metricName = name;
        boolean first = true;
        while (true) {
            skipBlanks();
            if (pos >= lineEnd) {
                throw error("unterminated label set");
            }
            if (text.charAt(pos) == '}') {
                pos++;
                return metricName;
            }
            boolean quotedName = text.charAt(pos) == '"';
            String label = quotedName ? quoted() : identifier("label name");
            skipBlanks();
            if (quotedName && first && metricName == null && pos < lineEnd
                    && (text.charAt(pos) == ',' || text.charAt(pos) == '}')) {
                metricName = label;
            } else {
                expect('=');
                skipBlanks();
                if (pos >= lineEnd || text.charAt(pos) != '"') {
                    throw error("label " + label + " has no quoted value");
                }
                if (labels.put(label, quoted()) != null) {
                    throw error("label " + label + " appears twice");
                }
                skipBlanks();
            }
            first = false;
            if (pos < lineEnd && text.charAt(pos) == ',') {
                pos++;
            } else if (pos >= lineEnd || text.charAt(pos) != '}') {
                throw error("expected ',' or '}' in the label set");
            }
        }
    }

    /** Reads a double-quoted string with the escapes {@code \\}, {@code \"} and {@code \n}. */
    private String quoted() throws ParseException {
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < lineEnd) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return value.toString();
            }
            if (c == '\\') {
                if (pos >= lineEnd) {
                    break;
                }
                char escaped = text.charAt(pos++);
                switch (escaped) {
                    case '\\' -> value.append('\\');
                    case '"' -> value.append('"');
                    case 'n' -> value.append('\n');
                    default -> throw error("invalid escape sequence '\\" + escaped + "'");
                }
            } else {
                value.append(c);
            }
        }
        throw error("unterminated quoted string");
    }

    private String identifier(String what) throws ParseException {
        int start = pos;
        while (pos < lineEnd && isNameChar(text.charAt(pos), pos == start, what.startsWith("metric"))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a " + what + " at '" + text.substring(start, lineEnd) + "'");
        }
        return text.substring(start, pos);
    }

    private static boolean isNameChar(char c, boolean first, boolean colonAllowed) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colonAllowed && c == ':')
                || (!first && c >= '0' && c <= '9');
    }

    private double number(String what) throws ParseException {
        String token = token();
        if (token.isEmpty()) {
            throw error("missing " + what);
        }
        try {
            return PromNumbers.parse(token);
        } catch (NumberFormatException e) {
            throw error("the " + what + " " + e.getMessage());
        }
    }

    private String token() {
        int start = pos;
        while (pos < lineEnd && text.charAt(pos) != ' ' && text.charAt(pos) != '\t') {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void expect(char c) throws ParseException {
        if (pos >= lineEnd || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    /** Skips spaces and tabs; returns whether there were any. */
    private boolean skipBlanks() {
        int start = pos;
        while (pos < lineEnd && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
        return pos > start;
    }

    private ParseException error(String message) {
        return new ParseException(lineNumber, message);
    }
}
