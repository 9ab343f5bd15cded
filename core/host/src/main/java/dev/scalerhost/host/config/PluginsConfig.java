package dev.scalerhost.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code plugins:} section.
 *
 * @param directory where plugin directories live, absolute: a relative {@code plugins.directory}
 *                  is resolved against the distribution root
 */
public record PluginsConfig(Path directory) {
    public PluginsConfig {
        Objects.requireNonNull(directory, "directory");
    }
}
