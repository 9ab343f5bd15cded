package dev.scalerhost.host.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads lists and maps of strings out of nodes, recording a problem for each item that is not a
 * single value.
 */
final class NodeValues {

    private NodeValues() {
    }

    /** A list of strings; a single scalar counts as a list of one; null counts as empty. */
    static List<String> stringList(ConfigNode node, String path, Problems problems) {
        if (node.isNull()) {
            return List.of();
        }
        List<ConfigNode> items = node instanceof ListNode list ? list.items() : List.of(node);
        List<String> values = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            String at = node instanceof ListNode ? path + "[" + i + "]" : path;
            text(items.get(i), at, problems, values::add);
        }
        return List.copyOf(values);
    }

    /**
     * A map of strings, in file order; null counts as empty. A string in KEDA's
     * {@code key1=value1,key2=value2} form counts as a map too (blanks around keys and values trimmed),
     * so a KEDA trigger's {@code customHeaders} or {@code queryParameters} moves over unchanged.
     */
    static Map<String, String> stringMap(ConfigNode node, String path, Problems problems) {
        if (node.isNull()) {
            return Map.of();
        }
        if (node instanceof ScalarNode scalar && scalar.type() == ScalarNode.Type.STRING) {
            return keyValuePairs(scalar, path, problems);
        }
        if (!(node instanceof MapNode entries)) {
            problems.add(path, node.location(), "expected a map of strings, found " + node.kind());
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (MapNode.Entry entry : entries.entries()) {
            text(entry.value(), path + "." + entry.key(), problems, text -> values.put(entry.key(), text));
        }
        return Collections.unmodifiableMap(values);
    }

    private static Map<String, String> keyValuePairs(ScalarNode scalar, String path, Problems problems) {
        Map<String, String> values = new LinkedHashMap<>();
        if (scalar.text().isBlank()) {
            return Map.of();
        }
        String[] pairs = scalar.text().split(",", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i].strip();
            int equals = pair.indexOf('=');
            if (equals <= 0 || pair.substring(0, equals).isBlank()) {
                String which = scalar.secret() ? "pair " + (i + 1) : "'" + pair + "'";
                problems.add(path, scalar.location(), "expected a map, or KEDA's form key1=value1,key2=value2; "
                        + which + " is not key=value");
                return Map.of();
            }
            values.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
        }
        return Collections.unmodifiableMap(values);
    }

    private static void text(ConfigNode item, String path, Problems problems, Consumer<String> sink) {
        if (!(item instanceof ScalarNode scalar) || item.isNull()) {
            problems.add(path, item.location(), "expected a string, found " + item.kind());
        } else if (scalar.type() != ScalarNode.Type.INVALID) {
            sink.accept(scalar.text());
        }
    }
}
