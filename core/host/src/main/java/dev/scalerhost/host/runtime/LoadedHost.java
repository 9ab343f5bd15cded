package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.PreparedServiceType;
import dev.scalerhost.host.plugin.PluginCatalog;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A configuration with its plugins loaded, its sources opened and its serviceTypes prepared: everything
 * the host serves, before any port is opened. Closing it closes the sources, then the plugins.
 *
 * @param config   the validated configuration
 * @param catalog  the plugins found
 * @param sources  the opened sources, in file order
 * @param serviceTypes the prepared serviceTypes, in file order
 */
public record LoadedHost(
        HostConfig config, PluginCatalog catalog, List<EngineSource> sources, List<PreparedServiceType> serviceTypes)
        implements AutoCloseable {

    /** How long sources a failed load or a reload leaves get to close. */
    static final Duration CLOSE_BUDGET = Duration.ofSeconds(10);

    public LoadedHost {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(catalog, "catalog");
        sources = List.copyOf(sources);
        serviceTypes = List.copyOf(serviceTypes);
    }

    /** Closes the sources, waiting for them at most the configuration's {@code shutdownGrace}, then the plugins. */
    @Override
    public void close() {
        close(config.server().shutdownGrace());
    }

    /**
     * Closes the sources, abandoning any whose {@code close()} has not returned within {@code budget},
     * then the plugins.
     */
    void close(Duration budget) {
        closeSources(sources, budget);
        catalog.close();
    }

    /** Closes {@code sources} within {@link #CLOSE_BUDGET}; returns those that did not close in time. */
    static List<String> closeSources(List<EngineSource> sources) {
        return closeSources(sources, CLOSE_BUDGET);
    }

    static List<String> closeSources(List<EngineSource> sources, Duration budget) {
        return SourceCloser.close(sources, budget);
    }
}
