package dev.scalerhost.host.config;

import dev.scalerhost.spi.ConfigKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds the {@code sources:} section: each entry's {@code type} and timing defaults; the remaining
 * keys are the plugin's.
 */
final class SourceBinder {

    private static final Set<String> HOST_KEYS = Set.of(HostKeys.names(HostKeys.SOURCE_KEYS));

    private SourceBinder() {
    }

    /**
     * The sources that bound cleanly, by name in file order. Every source's plugin settings are
     * registered with {@code document} for the unknown-key check.
     */
    static Map<String, SourceConfig> bind(NodeSettings sources, ConfigDocument document,
            Function<String, PluginKeys> plugins) {
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
            String type = host.string(HostKeys.TYPE.name());
            Timing timing = TimingBinder.bind(host, Timing.DEFAULT, problems);
            NodeSettings plugin = new NodeSettings(path, map.filter(key -> !HOST_KEYS.contains(key)), problems, HOST_KEYS);
            if (type != null && timing != null) {
                List<ConfigKey> declared = plugins.apply(type).sourceKeys();
                if (!declared.isEmpty()) {
                    plugin.declareKeys(declared);
                }
                document.registerPluginSettings(plugin);
                bound.put(name, new SourceConfig(name, type, timing, plugin));
            }
        }
        return bound;
    }
}
