package dev.scalerhost.plugin.httpjson;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed response: objects as maps, arrays as lists, numbers as {@link Double}, strings, booleans
 * and {@link #NULL}. Parsed once per request and read by every binding of that URL.
 */
final class JsonDocument {

    /** JSON {@code null}, distinct from a missing value. */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Object root;

    private JsonDocument(Object root) {
        this.root = root;
    }

    /** Parses one JSON value; trailing content is an error. */
    static JsonDocument parse(byte[] body) throws IOException {
        try (JsonParser parser = FACTORY.createParser(body)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IOException("the body is empty");
            }
            Object root = value(parser, first);
            if (parser.nextToken() != null) {
                throw new IOException("there is more content after the first JSON value at line "
                        + parser.currentLocation().getLineNr());
            }
            return new JsonDocument(root);
        }
    }

    /**
     * The value at {@code pointer}; when there is none, empty, with the reason in {@code missing}
     * (e.g. {@code "/data" has no member "queue"; its members are depth, size}).
     */
    Optional<Object> at(JsonPointer pointer, StringBuilder missing) {
        Object node = root;
        StringBuilder walked = new StringBuilder();
        for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
            String here = walked.length() == 0 ? "the document" : "'" + walked + "'";
            String name = rest.getMatchingProperty();
            if (node instanceof Map<?, ?> object) {
                if (!object.containsKey(name)) {
                    missing.append(here).append(" has no member '").append(name).append("'; ").append(members(object));
                    return Optional.empty();
                }
                node = object.get(name);
            } else if (node instanceof List<?> array) {
                int index = rest.getMatchingIndex();
                if (index < 0 || index >= array.size()) {
                    missing.append(here).append(" is an array of ").append(array.size())
                            .append(" elements, with no element '").append(name).append("'");
                    return Optional.empty();
                }
                node = array.get(index);
            } else {
                missing.append(here).append(" is ").append(kind(node)).append(", which has no member '")
                        .append(name).append("'");
                return Optional.empty();
            }
            walked.append('/').append(name.replace("~", "~0").replace("/", "~1"));
        }
        return Optional.of(node);
    }

    /** "an object", "a string", ... for messages. */
    static String kind(Object node) {
        if (node instanceof Map) {
            return "an object";
        }
        if (node instanceof List) {
            return "an array";
        }
        if (node instanceof String) {
            return "a string";
        }
        if (node instanceof Boolean) {
            return "a boolean";
        }
        return node == NULL ? "null" : "a number";
    }

    private static String members(Map<?, ?> object) {
        if (object.isEmpty()) {
            return "it is empty";
        }
        List<String> names = object.keySet().stream().map(String::valueOf).limit(10).toList();
        return "its members are " + String.join(", ", names) + (object.size() > names.size() ? ", ..." : "");
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    String name = parser.currentName();
                    object.put(name, value(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return token == JsonToken.VALUE_TRUE;
            }
            case VALUE_NULL -> {
                return NULL;
            }
            default -> throw new IOException("unexpected " + token + " at line " + parser.currentLocation().getLineNr());
        }
    }
}
