package dev.scalerhost.host.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A whole configuration file, validated and frozen. A change is a new instance, never a mutation.
 *
 * @param server       listeners and process settings
 * @param plugins      where plugins are found
 * @param sources      plugin instances by name, in file order
 * @param serviceTypes the serviceTypes by name, in file order
 */
public record HostConfig(
        ServerConfig server,
        PluginsConfig plugins,
        Map<String, SourceConfig> sources,
        Map<String, ServiceTypeConfig> serviceTypes) {

    public HostConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(plugins, "plugins");
        sources = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        serviceTypes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(serviceTypes));
    }
}
