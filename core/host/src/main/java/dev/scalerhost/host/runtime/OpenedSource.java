package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.SourceConfig;
import dev.scalerhost.spi.MetricSource;
import java.util.Objects;

/**
 * A source instance opened by its plugin.
 *
 * @param config    its configuration entry
 * @param directory the plugin directory that provided it
 * @param source    the instance, isolated in its plugin's class loader
 */
public record OpenedSource(SourceConfig config, String directory, MetricSource source) {
    public OpenedSource {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(source, "source");
    }

    public String name() {
        return config.name();
    }
}
