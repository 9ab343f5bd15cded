package dev.scalerhost.host.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Binds the {@code sources:} section: each entry's {@code type} and timing defaults; the remaining
 * keys are the plugin's.
 */
final class SourceBinder {

    private static final Set<String> HOST_KEYS = hostKeys();

    private SourceBinder() {
    }

    /**
     * The sources that bound cleanly, by name in file order. Every source's plugin settings are
     * registered with {@code document} for the unknown-key check.
     */
    static Map<String, SourceConfig> bind(NodeSettings sources, ConfigDocument document) {
        Problems problems = document.problems();
        Map<String, SourceConfig> bound = new LinkedHashMap<>();
        for (MapNode.Entry entry : sources.node().entries()) {
            String name = entry.key();
            String path = sources.pathOf(name);
            sources.declare(name);
            if (!(entry.value() instanceof MapNode map)) {
                problems.add(path, entry.value().location(), "expected a map with 'type' and the plugin's "
                        + "settings, found " + entry.value().kind());
                continue;
            }
            NodeSettings host = new NodeSettings(path, map, problems, Set.of());
            String type = host.string("type");
            Timing timing = TimingBinder.bind(host, Timing.DEFAULT, problems);
            NodeSettings plugin = new NodeSettings(path, map.filter(key -> !HOST_KEYS.contains(key)), problems, HOST_KEYS);
            if (type != null && timing != null) {
                document.registerPluginSettings(plugin);
                bound.put(name, new SourceConfig(name, type, timing, plugin));
            }
        }
        return bound;
    }

    private static Set<String> hostKeys() {
        Set<String> keys = new HashSet<>(TimingBinder.KEYS);
        keys.add("type");
        return Set.copyOf(keys);
    }
}
