package dev.scalerhost.host.config;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Reports the keys of a map that nothing read, suggesting the nearest key that was read: first
 * among those absent from the map (the key the user probably meant), then among all.
 */
final class UnknownKeys {

    private UnknownKeys() {
    }

    static void report(NodeSettings settings, MapNode map, Set<String> read, Problems problems) {
        Set<String> absent = new LinkedHashSet<>(read);
        absent.removeAll(map.keys());
        for (MapNode.Entry entry : map.entries()) {
            String key = entry.key();
            if (!read.contains(key)) {
                String hint = Suggestions.nearest(key, absent)
                        .or(() -> Suggestions.nearest(key, read))
                        .map(s -> " (did you mean '" + s + "'?)")
                        .orElse(read.isEmpty() ? "" : " (known keys: " + String.join(", ", read.stream().sorted().toList()) + ")");
                problems.add(settings.pathOf(key), entry.keyLocation(), "unknown key '" + key + "'" + hint);
            }
        }
    }
}
