package dev.scalerhost.host.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalerhost.spi.ConfigKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON Schema (draft-07) of declared keys. Scalars are accepted as the host reads them: numbers
 * and booleans also as strings (KEDA quotes them), and any value as a {@code ${...}} substitution.
 */
final class KeySchema {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String SUBSTITUTION = "|^\\s*\\$\\{.*\\}\\s*$";
    private static final String BOOLEAN = "^\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\\s*$" + SUBSTITUTION;
    private static final String INTEGER = "^\\s*[+-]?[0-9]+\\s*$" + SUBSTITUTION;
    private static final String NUMBER = "^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$" + SUBSTITUTION;
    private static final String DURATION = "^\\s*([0-9]+(ms|s|m|h)|P[0-9A-Za-z.,]+)\\s*$" + SUBSTITUTION;
    private static final String MILLIS = "|^\\s*[0-9]+\\s*$";

    private KeySchema() {
    }

    /** An object schema with {@code keys} as its properties; closed to other keys when {@code closed}. */
    static ObjectNode object(String description, List<ConfigKey> keys, boolean closed, boolean bareTimeoutMillis) {
        ObjectNode schema = JSON.objectNode().put("type", "object");
        if (description != null) {
            schema.put("description", description);
        }
        ObjectNode properties = schema.putObject("properties");
        List<String> required = new ArrayList<>();
        ArrayNode allOf = JSON.arrayNode();
        for (ConfigKey key : keys) {
            boolean millis = bareTimeoutMillis && key == HostKeys.TIMEOUT;
            properties.set(key.name(), of(key, key.description(), millis));
            for (String alias : key.aliases()) {
                properties.set(alias, of(key, "Same as " + key.name() + ": " + key.description(), millis));
            }
            if (key.required() && key.aliases().isEmpty()) {
                required.add(key.name());
            } else if (key.required()) {
                ArrayNode anyOf = allOf.addObject().putArray("anyOf");
                anyOf.addObject().putArray("required").add(key.name());
                key.aliases().forEach(alias -> anyOf.addObject().putArray("required").add(alias));
            }
        }
        if (!required.isEmpty()) {
            required.forEach(schema.putArray("required")::add);
        }
        if (!allOf.isEmpty()) {
            schema.set("allOf", allOf);
        }
        if (closed) {
            schema.put("additionalProperties", false);
        }
        return schema;
    }

    /** The schema of one key's value. */
    static ObjectNode of(ConfigKey key, String description, boolean bareTimeoutMillis) {
        ObjectNode schema = switch (key.type()) {
            case STRING, SECRET -> key.values().isEmpty() ? types("string", "number", "boolean") : enumOf(key.values());
            case BOOLEAN -> pattern(types("boolean", "string"), BOOLEAN);
            case INTEGER -> pattern(types("integer", "string"), INTEGER);
            case NUMBER -> pattern(types("number", "string"), NUMBER);
            case DURATION -> bareTimeoutMillis ? pattern(types("string", "integer"), DURATION + MILLIS)
                    : pattern(types("string"), DURATION);
            case STRING_LIST -> {
                ObjectNode list = types("array", "string", "number");
                list.set("items", types("string", "number", "boolean"));
                yield list;
            }
            case STRING_MAP -> {
                ObjectNode map = types("object", "string");
                map.set("additionalProperties", types("string", "number", "boolean"));
                yield map;
            }
            case SECTION -> key.keys().isEmpty() ? types("object") : object(null, key.keys(), true, false);
            case SECTIONS -> {
                ObjectNode list = types("array");
                list.set("items", key.keys().isEmpty() ? types("object") : object(null, key.keys(), true, false));
                yield list;
            }
        };
        ObjectNode described = JSON.objectNode().put("description", description);
        described.setAll(schema);
        if (key.defaultValue() != null) {
            described.set("default", defaultValue(key));
        }
        return described;
    }

    private static ObjectNode types(String... names) {
        ObjectNode schema = JSON.objectNode();
        if (names.length == 1) {
            schema.put("type", names[0]);
        } else {
            ArrayNode types = schema.putArray("type");
            for (String name : names) {
                types.add(name);
            }
        }
        return schema;
    }

    private static ObjectNode pattern(ObjectNode schema, String pattern) {
        return schema.put("pattern", pattern);
    }

    private static ObjectNode enumOf(List<String> values) {
        ArrayNode allowed = JSON.arrayNode();
        values.forEach(allowed::add);
        ObjectNode schema = JSON.objectNode();
        schema.set("enum", allowed);
        return schema;
    }

    private static com.fasterxml.jackson.databind.JsonNode defaultValue(ConfigKey key) {
        String text = key.defaultValue();
        try {
            return switch (key.type()) {
                case BOOLEAN -> JSON.booleanNode(Boolean.parseBoolean(text));
                case INTEGER -> JSON.numberNode(Long.parseLong(text));
                case NUMBER -> text.matches("[+-]?[0-9]+") ? JSON.numberNode(Long.parseLong(text))
                        : JSON.numberNode(Double.parseDouble(text));
                default -> JSON.textNode(text);
            };
        } catch (NumberFormatException notANumber) {
            return JSON.textNode(text);
        }
    }
}
