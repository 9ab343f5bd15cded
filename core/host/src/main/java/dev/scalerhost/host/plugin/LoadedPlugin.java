package dev.scalerhost.host.plugin;

import java.util.List;
import java.util.Objects;

/**
 * One plugin after loading.
 *
 * @param location  where it was found
 * @param loader    its class loader while it has providers in use, else null
 * @param providers the providers that passed the checks
 * @param errors    every problem found, each a sentence without the plugin's name
 */
record LoadedPlugin(PluginLocation location, PluginClassLoader loader, List<LoadedProvider> providers,
                    List<String> errors) {

    LoadedPlugin {
        Objects.requireNonNull(location, "location");
        providers = List.copyOf(providers);
        errors = List.copyOf(errors);
    }

    static LoadedPlugin failed(PluginLocation location, String error) {
        return new LoadedPlugin(location, null, List.of(), List.of(error));
    }

    List<String> types() {
        return providers.stream().map(LoadedProvider::type).toList();
    }
}
