package dev.scalerhost.host.plugin;

import dev.scalerhost.host.config.PluginKeys;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * A provider that loaded from a plugin directory and passed the host's checks. Its type and key
 * declarations were read once at load time; {@link #open} is the only call into the plugin left, and
 * it returns an isolated source.
 */
public final class LoadedProvider {

    private final String directory;
    private final Path location;
    private final String type;
    private final String providerClassName;
    private final PluginKeys keys;
    private final MetricSourceProvider provider;
    private final PluginInvoker invoker;

    LoadedProvider(PluginLocation plugin, String type, PluginKeys keys, MetricSourceProvider provider,
                   ClassLoader loader) {
        this.directory = plugin.name();
        this.location = plugin.path();
        this.type = type;
        this.providerClassName = provider.getClass().getName();
        this.keys = Objects.requireNonNull(keys, "keys");
        this.provider = provider;
        this.invoker = new PluginInvoker(loader, type, "plugin " + location + " (type " + type + ")");
    }

    /** The plugin's name under {@code plugins/}: its directory, or its file for a loose jar. */
    public String directory() {
        return directory;
    }

    /** The plugin's path as found, e.g. {@code plugins/kafka-lag}. */
    public Path location() {
        return location;
    }

    /** The source type this provider serves, e.g. {@code kafka-lag}. */
    public String type() {
        return type;
    }

    /** The provider's class name, for messages and {@code scalerhost plugins}. */
    public String providerClassName() {
        return providerClassName;
    }

    /** Alternative spellings of {@code target} and {@code activation}: alias to host key. */
    public Map<String, String> serviceTypeKeyAliases() {
        return keys.serviceTypeAliases();
    }

    /** What the provider declared of its keys, read once at load time. */
    public PluginKeys keys() {
        return keys;
    }

    /**
     * Opens a source instance inside the plugin's class loader.
     *
     * @return the isolated instance, or {@code null} if the plugin reported problems on {@code settings}
     * @throws PluginException if the plugin threw; the message names the plugin
     */
    public MetricSource open(Settings settings, SourceContext context) throws PluginException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(context, "context");
        MetricSource opened = invoker.call("open", () -> provider.open(settings, context));
        return opened == null ? null : new IsolatedMetricSource(opened, invoker);
    }

    @Override
    public String toString() {
        return "LoadedProvider[" + type + " from " + location + " (" + providerClassName + ")]";
    }
}
