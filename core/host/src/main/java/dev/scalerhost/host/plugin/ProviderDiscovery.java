package dev.scalerhost.host.plugin;

import dev.scalerhost.host.config.HostKeys;
import dev.scalerhost.host.config.PluginKeys;
import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.SpiVersion;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds and checks the {@link MetricSourceProvider}s of one plugin. Each provider is loaded,
 * instantiated and asked for its type, SPI version and aliases on its own, with the plugin's class
 * loader as the context class loader; one that fails is recorded and the others still load.
 */
final class ProviderDiscovery {

    static final Pattern TYPE = Pattern.compile("[a-z0-9-]+");
    static final String SERVICE_FILE = "META-INF/services/" + MetricSourceProvider.class.getName();

    /** Stops a service file that fails on every line from producing an endless list of errors. */
    private static final int MAX_FAILURES = 50;

    /** What one plugin provides, and every problem found, each a sentence without the plugin's name. */
    record Result(List<LoadedProvider> providers, List<String> errors) {
        Result {
            providers = List.copyOf(providers);
            errors = List.copyOf(errors);
        }
    }

    private final PluginLocation plugin;
    private final ClassLoader loader;
    private final List<LoadedProvider> providers = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private int listed;

    private ProviderDiscovery(PluginLocation plugin, ClassLoader loader) {
        this.plugin = plugin;
        this.loader = loader;
    }

    static Result discover(PluginLocation plugin, ClassLoader loader) {
        ProviderDiscovery discovery = new ProviderDiscovery(plugin, loader);
        try {
            PluginInvoker.withContextLoader(loader, () -> {
                discovery.scan();
                return null;
            });
        } catch (Throwable thrown) {
            PluginInvoker.rethrowIfFatal(thrown);
            discovery.errors.add("listing its providers failed: " + PluginInvoker.summary(thrown));
        }
        return discovery.result();
    }

    private void scan() {
        Iterator<ServiceLoader.Provider<MetricSourceProvider>> entries =
                ServiceLoader.load(MetricSourceProvider.class, loader).stream().iterator();
        int failures = 0;
        while (failures < MAX_FAILURES) {
            ServiceLoader.Provider<MetricSourceProvider> entry;
            try {
                if (!entries.hasNext()) {
                    return;
                }
                entry = entries.next();
            } catch (Throwable unloadable) {
                // ServiceLoader has moved past the broken entry, so the next call continues with the others.
                PluginInvoker.rethrowIfFatal(unloadable);
                listed++;
                failures++;
                errors.add("a provider listed in " + SERVICE_FILE + " could not be loaded: "
                        + PluginInvoker.summary(unloadable));
                continue;
            }
            if (entry.type().getClassLoader() == loader) {
                listed++;
                if (!accept(entry)) {
                    failures++;
                }
            }
        }
        errors.add("gave up after " + MAX_FAILURES + " broken providers");
    }

    private boolean accept(ServiceLoader.Provider<MetricSourceProvider> entry) {
        String className = entry.type().getName();
        try {
            MetricSourceProvider provider = entry.get();
            String type = provider.type();
            int spiVersion = provider.spiVersion();
            Map<String, String> aliases = provider.bindingKeyAliases();
            List<ConfigKey> sourceKeys = provider.sourceKeys();
            List<ConfigKey> serviceTypeKeys = provider.bindingKeys();
            String problem = problem(className, type, spiVersion, aliases);
            if (problem == null) {
                problem = KeyDeclarations.problem(className, sourceKeys, serviceTypeKeys);
            }
            if (problem != null) {
                errors.add(problem);
                return false;
            }
            PluginKeys keys = new PluginKeys(aliases, provider.timeoutInBareMilliseconds(), sourceKeys, serviceTypeKeys);
            providers.add(new LoadedProvider(plugin, type, keys, provider, loader));
            return true;
        } catch (Throwable thrown) {
            PluginInvoker.rethrowIfFatal(thrown);
            errors.add("provider " + className + " failed to load: " + PluginInvoker.summary(thrown));
            return false;
        }
    }

    private static String problem(String className, String type, int spiVersion, Map<String, String> aliases) {
        if (spiVersion != SpiVersion.CURRENT) {
            return "provider " + className + " was built for SPI version " + spiVersion
                    + "; this host implements version " + SpiVersion.CURRENT
                    + "; rebuild the plugin against scalerhost-spi " + SpiVersion.CURRENT;
        }
        if (type == null || !TYPE.matcher(type).matches()) {
            return "provider " + className + " has the invalid type " + (type == null ? "null" : "'" + type + "'")
                    + "; a type is lowercase letters, digits and dashes, e.g. kafka-lag";
        }
        if (aliases == null) {
            return "provider " + className + " returned null from bindingKeyAliases(); return an empty map instead";
        }
        for (Map.Entry<String, String> alias : aliases.entrySet()) {
            if (alias.getKey() == null || alias.getKey().isBlank()
                    || !HostKeys.OVERRIDABLE.contains(alias.getValue())) {
                return "provider " + className + " has the invalid binding key alias " + alias.getKey() + " -> "
                        + alias.getValue() + "; an alias is a key name mapped to 'target' or 'activation'";
            }
        }
        return null;
    }

    private Result result() {
        if (listed == 0 && errors.isEmpty()) {
            String jars = plugin.jars().stream()
                    .map(jar -> jar.getFileName().toString())
                    .collect(Collectors.joining(", "));
            errors.add("no MetricSourceProvider found in " + jars + "; is " + SERVICE_FILE + " missing?");
        }
        return new Result(providers, errors);
    }
}
