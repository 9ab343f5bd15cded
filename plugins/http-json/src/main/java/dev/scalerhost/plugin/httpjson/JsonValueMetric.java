package dev.scalerhost.plugin.httpjson;

import dev.scalerhost.plugin.support.http.HttpEndpoint;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One binding: the number at {@code location} in the document served at {@code url}. A number, or a
 * string holding one ({@code "42"}, {@code " 1.5e3 "}), is a value; anything else fails this binding alone.
 *
 * @param url      the URL requested, shared with every binding that names the same one
 * @param location where the number sits
 */
record JsonValueMetric(URI url, ValueLocation location) implements Metric {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final int MAX_SHOWN_TEXT = 40;

    @Override
    public String describe() {
        return location + " of " + HttpEndpoint.describe(url);
    }

    /** The reading of this binding in {@code document}; the failure says what was found instead. */
    Reading read(JsonDocument document) {
        StringBuilder missing = new StringBuilder();
        Optional<Object> found = document.at(location.pointer(), missing);
        String subject = "valueLocation '" + location + "' in the response of " + HttpEndpoint.describe(url);
        if (found.isEmpty()) {
            return Reading.failure("no value at " + subject + ": " + missing);
        }
        Object node = found.get();
        if (node instanceof Double number && Double.isFinite(number)) {
            return Reading.of(number);
        }
        if (node instanceof String text && DECIMAL.matcher(text.strip()).matches()) {
            double number = Double.parseDouble(text.strip());
            if (Double.isFinite(number)) {
                return Reading.of(number);
            }
        }
        return Reading.failure("the value at " + subject + " is " + shown(node) + ", not a number");
    }

    private static String shown(Object node) {
        if (node instanceof String text) {
            String cut = text.length() > MAX_SHOWN_TEXT ? text.substring(0, MAX_SHOWN_TEXT) + "..." : text;
            return "the string \"" + cut + "\"";
        }
        if (node instanceof Double number) {
            return "the number " + number + ", which is out of range";
        }
        return node instanceof Boolean bool ? "the boolean " + bool : JsonDocument.kind(node);
    }
}
