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

    /** A map of strings, in file order; null counts as empty. */
    static Map<String, String> stringMap(ConfigNode node, String path, Problems problems) {
        if (node.isNull()) {
            return Map.of();
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

    private static void text(ConfigNode item, String path, Problems problems, Consumer<String> sink) {
        if (!(item instanceof ScalarNode scalar) || item.isNull()) {
            problems.add(path, item.location(), "expected a string, found " + item.kind());
        } else if (scalar.type() != ScalarNode.Type.INVALID) {
            sink.accept(scalar.text());
        }
    }
}
