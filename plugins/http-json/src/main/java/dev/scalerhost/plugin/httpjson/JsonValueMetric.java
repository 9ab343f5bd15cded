package dev.scalerhost.plugin.httpjson;

import com.fasterxml.jackson.databind.JsonNode;
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
        Optional<JsonNode> found = document.at(location.pointer(), missing);
        String subject = "valueLocation '" + location + "' in the response of " + HttpEndpoint.describe(url);
        if (found.isEmpty()) {
            return Reading.failure("no value at " + subject + ": " + missing);
        }
        JsonNode node = found.get();
        if (node.isNumber() && Double.isFinite(node.doubleValue())) {
            return Reading.of(node.doubleValue());
        }
        if (node.isTextual() && DECIMAL.matcher(node.textValue().strip()).matches()) {
            double number = Double.parseDouble(node.textValue().strip());
            if (Double.isFinite(number)) {
                return Reading.of(number);
            }
        }
        return Reading.failure("the value at " + subject + " is " + shown(node) + ", not a number");
    }

    private static String shown(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String cut = text.length() > MAX_SHOWN_TEXT ? text.substring(0, MAX_SHOWN_TEXT) + "..." : text;
            return "the string \"" + cut + "\"";
        }
        if (node.isNumber()) {
            return "the number " + node.doubleValue() + ", which is out of range";
        }
        return node.isBoolean() ? "the boolean " + node.booleanValue() : JsonDocument.kind(node);
    }
}
