package dev.scalerhost.host.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One plugin found in the plugins directory: a subdirectory and its jars, or a loose jar.
 *
 * @param name the name under the plugins directory ({@code kafka-lag}, or {@code extra.jar})
 * @param path the plugin's path as found, for messages ({@code plugins/kafka-lag})
 * @param jars its jars, in name order
 */
record PluginLocation(String name, Path path, List<Path> jars) {
    PluginLocation {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        jars = List.copyOf(jars);
    }
}
