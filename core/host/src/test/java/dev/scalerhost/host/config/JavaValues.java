package dev.scalerhost.host.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Builds {@link ConfigNode}s from plain Java values (maps, lists, strings, numbers, booleans), for
 * settings that do not come from a file. Their locations are unknown.
 */
final class JavaValues {

    private JavaValues() {
    }

    static MapNode map(Map<String, ?> values) {
        List<MapNode.Entry> entries = new ArrayList<>(values.size());
        values.forEach((key, value) -> entries.add(new MapNode.Entry(key, Location.UNKNOWN, node(value))));
        return new MapNode(Location.UNKNOWN, entries);
    }

    @SuppressWarnings("unchecked")
    private static ConfigNode node(Object value) {
        if (value == null) {
            return new ScalarNode(Location.UNKNOWN, ScalarNode.Type.NULL, "", null, false);
        }
        if (value instanceof Map<?, ?> map) {
            return map((Map<String, ?>) map);
        }
        if (value instanceof Collection<?> items) {
            return new ListNode(Location.UNKNOWN, items.stream().map(JavaValues::node).toList());
        }
        if (value instanceof Number number) {
            return new ScalarNode(Location.UNKNOWN, ScalarNode.Type.NUMBER, number.toString(), number, false);
        }
        if (value instanceof Boolean) {
            return new ScalarNode(Location.UNKNOWN, ScalarNode.Type.BOOLEAN, value.toString(), null, false);
        }
        return ScalarNode.string(Location.UNKNOWN, value.toString(), false);
    }
}
