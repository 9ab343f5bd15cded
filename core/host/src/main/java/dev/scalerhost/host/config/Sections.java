package dev.scalerhost.host.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sections read from one map so far, by key: one for a map, several for a list of maps. Each is
 * made once, so that what a plugin read in it counts for the unknown-key report.
 */
final class Sections {

    private final NodeSettings owner;
    private final Map<String, List<NodeSettings>> byKey = new ConcurrentHashMap<>();

    Sections(NodeSettings owner) {
        this.owner = owner;
    }

    /** The map at {@code key}; null if {@code node} is absent or null, with a problem if it is not a map. */
    NodeSettings map(String key, ConfigNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!(node instanceof MapNode nested)) {
            owner.problem(key, "expected a map, found " + node.kind());
            return null;
        }
        return byKey.computeIfAbsent(key, k -> List.of(child(owner.pathOf(k), nested))).get(0);
    }

    /** An empty section at {@code key}, at {@code location}, for a key that is absent or not a map. */
    NodeSettings empty(String key, Location location) {
        return byKey.computeIfAbsent(key, k -> List.of(child(owner.pathOf(k), new MapNode(location, List.of())))).get(0);
    }

    /** The maps listed at {@code key}; empty if {@code node} is absent or null, with a problem per item that is not a map. */
    List<NodeSettings> list(String key, ConfigNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!(node instanceof ListNode list)) {
            owner.problem(key, "expected a list of maps, found " + node.kind());
            return List.of();
        }
        return byKey.computeIfAbsent(key, k -> {
            List<NodeSettings> sections = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                ConfigNode item = list.items().get(i);
                String at = owner.pathOf(k) + "[" + i + "]";
                if (item instanceof MapNode nested) {
                    sections.add(child(at, nested));
                } else {
                    owner.problems().add(at, item.location(), "expected a map, found " + item.kind());
                }
            }
            return List.copyOf(sections);
        });
    }

    /** The sections read at {@code key} so far. */
    List<NodeSettings> at(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    void reportUnknownKeys() {
        byKey.values().forEach(list -> list.forEach(NodeSettings::reportUnknownKeys));
    }

    private NodeSettings child(String path, MapNode map) {
        return new NodeSettings(path, map, owner.problems(), Set.of());
    }
}
