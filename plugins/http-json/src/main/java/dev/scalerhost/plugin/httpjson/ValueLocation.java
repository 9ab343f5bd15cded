package dev.scalerhost.plugin.httpjson;

import com.fasterxml.jackson.core.JsonPointer;
import dev.scalerhost.spi.Settings;

/**
 * Where a binding's number sits in the document: {@code valueLocation} as a JSON Pointer
 * (RFC 6901, {@code /data/queue/depth}, {@code /items/0/value}) or as a dotted path
 * ({@code data.queue.depth}, {@code items.0.value}, {@code \.} for a dot inside a name), the plain
 * subset of the GJSON syntax that KEDA's metrics-api uses. Wildcards, queries and modifiers are refused.
 *
 * @param text    what the user wrote, for messages
 * @param pointer the equivalent JSON Pointer
 */
record ValueLocation(String text, JsonPointer pointer) {

    private static final String GJSON_ONLY = "*?#|@!=<>()[]{}";
    private static final String EXAMPLES = "use a JSON Pointer such as /items/0/value or a dotted path such as items.0.value";

    /** Reads {@code valueLocation}; {@code null} and a problem on {@code params} if it is missing or invalid. */
    static ValueLocation read(Settings params) {
        String text = params.string("valueLocation");
        if (text == null) {
            return null;
        }
        String location = text.strip();
        try {
            String pointer = location.startsWith("/") ? location : dottedToPointer(location);
            return new ValueLocation(location, JsonPointer.compile(pointer));
        } catch (IllegalArgumentException e) {
            params.problem("valueLocation", "'" + location + "' is not a valid location: " + e.getMessage());
            return null;
        }
    }

    private static String dottedToPointer(String dotted) {
        StringBuilder pointer = new StringBuilder();
        StringBuilder segment = new StringBuilder();
        for (int i = 0; i < dotted.length(); i++) {
            char c = dotted.charAt(i);
            if (c == '\\' && i + 1 < dotted.length()) {
                segment.append(dotted.charAt(++i));
            } else if (c == '.') {
                appendSegment(pointer, segment);
            } else if (GJSON_ONLY.indexOf(c) >= 0) {
                throw new IllegalArgumentException("'" + c + "' belongs to GJSON queries, wildcards and modifiers, "
                        + "which are not supported; " + EXAMPLES);
            } else {
                segment.append(c);
            }
        }
        appendSegment(pointer, segment);
        return pointer.toString();
    }

    private static void appendSegment(StringBuilder pointer, StringBuilder segment) {
        if (segment.length() == 0) {
            throw new IllegalArgumentException("a dotted path has an empty name (two dots in a row, or a dot at "
                    + "either end); " + EXAMPLES);
        }
        pointer.append('/').append(segment.toString().replace("~", "~0").replace("/", "~1"));
        segment.setLength(0);
    }

    @Override
    public String toString() {
        return text;
    }
}
