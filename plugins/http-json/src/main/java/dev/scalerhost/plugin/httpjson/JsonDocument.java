package dev.scalerhost.plugin.httpjson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed response, Jackson's tree: parsed once per request and read by every binding of that URL. */
final class JsonDocument {

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private final JsonNode root;

    private JsonDocument(JsonNode root) {
        this.root = root;
    }

    /** Parses one JSON value; trailing content is an error. */
    static JsonDocument parse(byte[] body) throws IOException {
        try (JsonParser parser = MAPPER.createParser(body)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null) {
                throw new IOException("the body is empty");
            }
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
    Optional<JsonNode> at(JsonPointer pointer, StringBuilder missing) {
        JsonNode found = root.at(pointer);
        if (!found.isMissingNode()) {
            return Optional.of(found);
        }
        missing.append(whyMissing(pointer));
        return Optional.empty();
    }

    /** Where the walk along {@code pointer} stops, and why. */
    private String whyMissing(JsonPointer pointer) {
        JsonNode node = root;
        StringBuilder walked = new StringBuilder();
        for (JsonPointer rest = pointer; !rest.matches(); rest = rest.tail()) {
            String here = walked.length() == 0 ? "the document" : "'" + walked + "'";
            String name = rest.getMatchingProperty();
            JsonNode next = node.isArray() ? node.get(rest.getMatchingIndex()) : node.get(name);
            if (next == null && node.isObject()) {
                return here + " has no member '" + name + "'; " + members(node);
            }
            if (next == null && node.isArray()) {
                return here + " is an array of " + node.size() + " elements, with no element '" + name + "'";
            }
            if (next == null) {
                return here + " is " + kind(node) + ", which has no member '" + name + "'";
            }
            node = next;
            walked.append('/').append(name.replace("~", "~0").replace("/", "~1"));
        }
        return "nothing is there";
    }

    /** "an object", "a string", ... for messages. */
    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT, POJO -> "an object";
            case ARRAY -> "an array";
            case STRING, BINARY -> "a string";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case NULL, MISSING -> "null";
        };
    }

    private static String members(JsonNode object) {
        if (object.isEmpty()) {
            return "it is empty";
        }
        List<String> names = object.properties().stream().map(Map.Entry::getKey).limit(10).toList();
        return "its members are " + String.join(", ", names) + (object.size() > names.size() ? ", ..." : "");
    }
}
