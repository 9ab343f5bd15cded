package dev.scalerhost.host.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code plugins:} section.
 *
 * @param directory where plugin directories live; relative paths resolve against the config file's
 *                  directory's parent when it is the distribution's {@code config/}, else the
 *                  working directory
 */
public record PluginsConfig(Path directory) {
    public PluginsConfig {
        Objects.requireNonNull(directory, "directory");
    }
}
