package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.engine.EngineBinding;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.plugin.PluginCatalog;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A configuration with its plugins loaded, its sources opened and its bindings prepared: everything
 * the host serves, before any port is opened. Closing it closes the sources, then the plugins.
 *
 * @param config   the validated configuration
 * @param catalog  the plugins found
 * @param sources  the opened sources, in file order
 * @param bindings the prepared bindings, in file order
 */
public record LoadedHost(
        HostConfig config, PluginCatalog catalog, List<EngineSource> sources, List<EngineBinding> bindings)
        implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadedHost.class);

    public LoadedHost {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(catalog, "catalog");
        sources = List.copyOf(sources);
        bindings = List.copyOf(bindings);
    }

    @Override
    public void close() {
        closeSources(sources);
        catalog.close();
    }

    static void closeSources(List<EngineSource> sources) {
        for (EngineSource opened : sources) {
            try {
                opened.source().close();
            } catch (Exception e) {
                LOG.warn("closing source '{}' failed: {}", opened.name(), e.getMessage());
            }
        }
    }
}
