package dev.scalerhost.host.cli;

import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.config.ConfigSchema;
import dev.scalerhost.host.config.PluginKeys;
import dev.scalerhost.host.plugin.LoadedProvider;
import dev.scalerhost.host.plugin.PluginCatalog;
import dev.scalerhost.host.plugin.PluginLoader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code scalerhost schema}: the JSON Schema of the configuration for the plugins installed,
 * third-party ones included, on stdout; plugins that failed to load are named on stderr.
 */
final class SchemaCommand {

    private SchemaCommand() {
    }

    static int run(CommandLine line, Environment environment) {
        Path directory;
        try {
            directory = PluginsCommand.directory(line, environment);
        } catch (ConfigException e) {
            environment.err().println(e.getMessage());
            return ExitCode.INVALID;
        }
        try (PluginCatalog catalog = PluginLoader.forListing().load(directory)) {
            if (catalog.directoryProblem().isPresent()) {
                environment.err().println(catalog.directoryProblem().get() + "; no plugins loaded");
                return ExitCode.FAILED;
            }
            Map<String, PluginKeys> plugins = new LinkedHashMap<>();
            for (String type : catalog.types()) {
                catalog.provider(type).map(LoadedProvider::keys).ifPresent(keys -> plugins.put(type, keys));
            }
            catalog.statuses().stream().filter(status -> status.error() != null).forEach(status ->
                    environment.err().println("plugin " + status.directory() + " left out: " + status.error()));
            environment.out().print(ConfigSchema.render(plugins));
            return ExitCode.OK;
        }
    }
}
