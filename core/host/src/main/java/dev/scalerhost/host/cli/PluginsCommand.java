package dev.scalerhost.host.cli;

import dev.scalerhost.host.config.ConfigBinder;
import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.plugin.PluginCatalog;
import dev.scalerhost.host.plugin.PluginLoader;
import dev.scalerhost.host.status.PluginStatus;
import java.nio.file.Path;

/** {@code scalerhost plugins}: what the plugins directory provides and what failed to load. */
final class PluginsCommand {

    private PluginsCommand() {
    }

    static int run(CommandLine line, Environment environment) {
        Path directory;
        try {
            directory = directory(line, environment);
        } catch (ConfigException e) {
            environment.err().println(e.getMessage());
            return ExitCode.INVALID;
        }
        // The table is the report: the loader's log lines would only repeat it.
        try (PluginCatalog catalog = PluginLoader.forListing().load(directory)) {
            TextTable table = new TextTable("PLUGIN", "TYPES", "STATUS");
            int failed = 0;
            for (PluginStatus status : catalog.statuses()) {
                if (status.error() != null) {
                    failed++;
                }
                table.row(status.directory(), status.types().isEmpty() ? "-" : String.join(",", status.types()),
                        status.error() == null ? "ok" : "FAILED: " + status.error());
            }
            environment.out().println("plugins directory: " + directory);
            if (catalog.directoryProblem().isPresent()) {
                environment.out().println(catalog.directoryProblem().get() + "; no plugins loaded");
                return ExitCode.FAILED;
            }
            environment.out().print(table.render());
            return failed == 0 ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    /** The plugins directory: {@code --plugins-dir}, else the config's {@code plugins.directory}, else {@code plugins/}. */
    static Path directory(CommandLine line, Environment environment) throws ConfigException {
        if (line.pluginsDir().isPresent()) {
            return line.pluginsDir().get();
        }
        if (line.config().isPresent()) {
            ConfigDocument document = ConfigDocument.read(line.config().get(), environment.env()::get);
            Path directory = new ConfigBinder(document, environment.home()).plugins().directory();
            document.problems().throwIfAny(line.config().get());
            return directory;
        }
        return environment.home().resolve("plugins");
    }
}
