package dev.scalerhost.host.plugin;

import dev.scalerhost.host.config.Suggestions;
import dev.scalerhost.host.status.PluginStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins loaded from one plugins directory: the provider of each source type, and what failed.
 * A type claimed by two plugins is served by neither. Closing the catalog closes every plugin's
 * class loader; close the sources opened from it first.
 */
public final class PluginCatalog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PluginCatalog.class);

    private final Path directory;
    private final String directoryProblem;
    private final List<LoadedPlugin> plugins;
    private final Map<String, LoadedProvider> providers;
    private final Map<String, String> conflicts;

    private PluginCatalog(Path directory, String directoryProblem, List<LoadedPlugin> plugins,
                          Map<String, LoadedProvider> providers, Map<String, String> conflicts) {
        this.directory = directory;
        this.directoryProblem = directoryProblem;
        this.plugins = List.copyOf(plugins);
        this.providers = Collections.unmodifiableMap(providers);
        this.conflicts = Collections.unmodifiableMap(conflicts);
    }

    static PluginCatalog of(Path directory, String directoryProblem, List<LoadedPlugin> plugins, boolean logConflicts) {
        Map<String, List<LoadedProvider>> claims = new TreeMap<>();
        plugins.stream().flatMap(plugin -> plugin.providers().stream())
                .forEach(provider -> claims.computeIfAbsent(provider.type(), type -> new ArrayList<>()).add(provider));
        Map<String, LoadedProvider> providers = new TreeMap<>();
        Map<String, String> conflicts = new TreeMap<>();
        claims.forEach((type, claimants) -> {
            if (claimants.size() == 1) {
                providers.put(type, claimants.get(0));
            } else {
                String message = conflictMessage(type, claimants);
                if (logConflicts) {
                    LOG.warn("{}", message);
                }
                conflicts.put(type, message);
            }
        });
        return new PluginCatalog(directory, directoryProblem, plugins, providers, conflicts);
    }

    private static String conflictMessage(String type, List<LoadedProvider> claimants) {
        return "source type '" + type + "' is provided by more than one plugin: " + claimants.stream()
                .map(provider -> provider.location() + " (" + provider.providerClassName() + ")")
                .collect(Collectors.joining(" and "))
                + "; neither is used; remove all but one of them from the plugins directory";
    }

    /** Why the plugins directory itself could not be listed (missing, not a directory, unreadable), if so. */
    public Optional<String> directoryProblem() {
        return Optional.ofNullable(directoryProblem);
    }

    /** The plugins directory this catalog was loaded from. */
    public Path directory() {
        return directory;
    }

    /** The provider of {@code type}; empty if no plugin provides it or several do. */
    public Optional<LoadedProvider> provider(String type) {
        return Optional.ofNullable(providers.get(Objects.requireNonNull(type, "type")));
    }

    /** The types that can be used, sorted. */
    public Set<String> types() {
        return providers.keySet();
    }

    /** The types claimed by more than one plugin, so unusable, sorted. */
    public Set<String> conflictingTypes() {
        return conflicts.keySet();
    }

    /**
     * Why {@link #provider} is empty for {@code type}, for the configuration error of a source
     * whose {@code type:} names it: the plugins that claim it, or a "did you mean", the available
     * types and the plugins that failed to load (the type may be in one of them).
     *
     * @throws IllegalArgumentException if {@code type} is available
     */
    public String missingTypeMessage(String type) {
        Objects.requireNonNull(type, "type");
        if (providers.containsKey(type)) {
            throw new IllegalArgumentException("source type '" + type + "' is available");
        }
        if (conflicts.containsKey(type)) {
            return conflicts.get(type);
        }
        StringBuilder message = new StringBuilder("no plugin provides source type '").append(type).append("'");
        Suggestions.nearest(type, providers.keySet())
                .ifPresent(nearest -> message.append(" (did you mean '").append(nearest).append("'?)"));
        message.append("; available types: ")
                .append(providers.isEmpty() ? "none" : String.join(", ", providers.keySet()))
                .append(" (plugins directory ").append(directory).append(")");
        if (directoryProblem != null) {
            message.append("; ").append(directoryProblem)
                    .append(", set plugins.directory to the directory holding the plugins");
        }
        List<String> failed = failures().toList();
        if (!failed.isEmpty()) {
            message.append("; plugins that failed to load, one of which may provide it: ")
                    .append(String.join("; ", failed));
        }
        return message.toString();
    }

    private Stream<String> failures() {
        return plugins.stream()
                .filter(plugin -> !plugin.errors().isEmpty())
                .map(plugin -> plugin.location().path() + ": " + String.join("; ", plugin.errors()));
    }

    /** One status per plugin, in directory order: its usable types and its errors, conflicts included. */
    public List<PluginStatus> statuses() {
        return plugins.stream().map(this::status).toList();
    }

    private PluginStatus status(LoadedPlugin plugin) {
        List<String> errors = new ArrayList<>(plugin.errors());
        List<String> usable = new ArrayList<>();
        for (String type : plugin.types()) {
            if (conflicts.containsKey(type)) {
                errors.add(conflicts.get(type));
            } else {
                usable.add(type);
            }
        }
        return new PluginStatus(plugin.location().name(), usable, errors.isEmpty() ? null : String.join("; ", errors));
    }

    /** Closes every plugin's class loader. Sources opened from this catalog must be closed first. */
    @Override
    public void close() {
        for (LoadedPlugin plugin : plugins) {
            if (plugin.loader() != null) {
                PluginLoader.closeQuietly(plugin.location(), plugin.loader());
            }
        }
    }

    @Override
    public String toString() {
        return "PluginCatalog[" + directory + ": " + providers.keySet() + "]";
    }
}
