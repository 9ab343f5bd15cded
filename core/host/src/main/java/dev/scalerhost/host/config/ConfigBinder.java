package dev.scalerhost.host.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns a {@link ConfigDocument} into a {@link HostConfig}, in two phases, because the aliases of
 * {@code target} and {@code activation} are known only once plugins are loaded:
 *
 * <ol>
 *   <li>{@link #plugins()} and {@link #server()}: need nothing but the file;</li>
 *   <li>{@link #bind(Function)}: {@code sources} and {@code serviceTypes}, given the aliases of
 *       each source type.</li>
 * </ol>
 *
 * <p>Then the caller opens the sources and prepares the serviceTypes (plugins report their own
 * problems through the settings), calls {@link Problems#addUnknownKeys} and
 * {@link Problems#throwIfAny}. Every problem goes to the document's {@link ConfigDocument#problems()};
 * bad values are replaced by defaults and entries that cannot be bound are left out, so the result
 * is only usable once the problems are found empty.
 */
public final class ConfigBinder {

    static final String DEFAULT_PLUGINS_DIRECTORY = "plugins";

    private final ConfigDocument document;
    private final Path home;
    private final NodeSettings root;
    private PluginsConfig plugins;
    private ServerConfig server;
    private HostConfig bound;

    /**
     * @param document the file
     * @param home     the distribution root: relative paths in the file resolve against it
     */
    public ConfigBinder(ConfigDocument document, Path home) {
        this.document = Objects.requireNonNull(document, "document");
        this.home = Objects.requireNonNull(home, "home").toAbsolutePath();
        this.root = new NodeSettings("", document.root(), document.problems(), Set.of());
    }

    /** Phases 1 and 2 at once: {@code new ConfigBinder(document, home).bind(aliases)}. */
    public static HostConfig bind(ConfigDocument document, Path home, Function<String, Map<String, String>> aliases) {
        return new ConfigBinder(document, home).bind(aliases);
    }

    /** Phase 1: where plugins live. */
    public synchronized PluginsConfig plugins() {
        phaseOne();
        return plugins;
    }

    /** Phase 1: the listeners and process settings. */
    public synchronized ServerConfig server() {
        phaseOne();
        return server;
    }

    /**
     * Phase 2: the whole configuration.
     *
     * @param aliases for a source type, its plugin's aliases of {@code target} and
     *                {@code activation} (alias to {@code "target"} or {@code "activation"}); may
     *                return {@code null} for a type no plugin provides
     */
    public synchronized HostConfig bind(Function<String, Map<String, String>> aliases) {
        return bind(aliases, type -> false);
    }

    /**
     * Phase 2, where some plugins read a bare number under a serviceType's {@code timeout} as milliseconds.
     *
     * @param bareTimeoutMillis for a source type, whether its plugin reads a bare {@code timeout} as
     *                          milliseconds, as the KEDA scaler it mirrors does
     */
    public synchronized HostConfig bind(Function<String, Map<String, String>> aliases,
            Predicate<String> bareTimeoutMillis) {
        Objects.requireNonNull(aliases, "aliases");
        Objects.requireNonNull(bareTimeoutMillis, "bareTimeoutMillis");
        return bindWith(type -> {
            Map<String, String> typeAliases = aliases.apply(type);
            return typeAliases == null ? null : new PluginKeys(typeAliases, bareTimeoutMillis.test(type), List.of(), List.of());
        });
    }

    /**
     * Phase 2, given what each plugin type declares of its keys.
     *
     * @param pluginKeys for a source type, its plugin's keys; {@code null} for a type no plugin provides
     */
    public synchronized HostConfig bindWith(Function<String, PluginKeys> pluginKeys) {
        Objects.requireNonNull(pluginKeys, "pluginKeys");
        phaseOne();
        if (bound == null) {
            Function<String, PluginKeys> known = type -> Objects.requireNonNullElse(pluginKeys.apply(type), PluginKeys.UNKNOWN);
            NodeSettings sourcesSection = root.sectionOrEmpty(HostKeys.SOURCES.name());
            Map<String, SourceConfig> sources = SourceBinder.bind(sourcesSection, document, known);
            ServiceTypeBinder serviceTypeBinder = new ServiceTypeBinder(document, sourcesSection.node().keys(), sources, known);
            bound = new HostConfig(server, plugins, sources,
                    serviceTypeBinder.bind(root.sectionOrEmpty(HostKeys.SERVICE_TYPES.name())));
        }
        return bound;
    }

    private void phaseOne() {
        if (server != null) {
            return;
        }
        NodeSettings pluginsSection = root.sectionOrEmpty(HostKeys.PLUGINS.name());
        pluginsSection.declareKeys(HostKeys.PLUGINS.keys());
        String directory = pluginsSection.string(HostKeys.PLUGINS_DIRECTORY.name(), DEFAULT_PLUGINS_DIRECTORY);
        Path resolved = null;
        if (directory.isBlank()) {
            pluginsSection.problem(HostKeys.PLUGINS_DIRECTORY.name(), "must not be empty: give a path, e.g. plugins");
        } else {
            resolved = ServerBinder.resolve(pluginsSection, HostKeys.PLUGINS_DIRECTORY.name(), directory, home);
        }
        plugins = new PluginsConfig(resolved == null ? home.resolve(DEFAULT_PLUGINS_DIRECTORY) : resolved);
        server = ServerBinder.bind(root.sectionOrEmpty(HostKeys.SERVER.name()), home);
        root.declareKeys(HostKeys.TOP_LEVEL);
        root.reportUnknownKeys();
    }
}
