package dev.scalerhost.host.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Binds the {@code serviceTypes:} section; composites go to {@link CompositeBinder}. Host keys ({@code source}, {@code target},
 * {@code activation}, timing, {@code metadataOverrides}, and the plugin's aliases of target and
 * activation) are taken out; the rest, plus the resolved {@code target} and {@code activation},
 * are the plugin's parameters.
 */
final class ServiceTypeBinder {

    private static final String TARGET = HostKeys.TARGET.name();
    private static final String ACTIVATION = HostKeys.ACTIVATION.name();
    private static final String SOURCE = HostKeys.SOURCE.name();
    private static final String METADATA_OVERRIDES = HostKeys.METADATA_OVERRIDES.name();
    private static final List<String> OVERRIDABLE = HostKeys.OVERRIDABLE;
    private static final Set<String> HOST_KEYS = Set.of(HostKeys.names(HostKeys.SERVICE_TYPE_KEYS));

    private final ConfigDocument document;
    private final Problems problems;
    private final Collection<String> declaredSources;
    private final Map<String, SourceConfig> sources;
    private final Function<String, PluginKeys> plugins;

    /** @param plugins for a source type, what its plugin declares of its keys (never {@code null}) */
    ServiceTypeBinder(ConfigDocument document, Collection<String> declaredSources, Map<String, SourceConfig> sources,
            Function<String, PluginKeys> plugins) {
        this.document = Objects.requireNonNull(document, "document");
        this.problems = document.problems();
        this.declaredSources = List.copyOf(declaredSources);
        this.sources = Map.copyOf(sources);
        this.plugins = Objects.requireNonNull(plugins, "plugins");
    }

    /** The serviceTypes that bound cleanly, by name in file order. */
    Map<String, ServiceTypeConfig> bind(NodeSettings serviceTypes) {
        Map<String, ServiceTypeConfig> measured = new LinkedHashMap<>();
        CompositeBinder composites = new CompositeBinder(problems, serviceTypes.node().keys());
        for (MapNode.Entry entry : serviceTypes.node().entries()) {
            String name = entry.key();
            String path = serviceTypes.pathOf(name);
            serviceTypes.declare(name);
            if (!ServiceTypeNames.isValid(name)) {
                problems.add(path, entry.keyLocation(), ServiceTypeNames.problem(name));
            }
            if (entry.value() instanceof MapNode map && CompositeBinder.isComposite(map)) {
                composites.read(path, name, map);
            } else {
                ServiceTypeConfig config = bind(path, entry);
                if (config != null) {
                    measured.put(name, config);
                }
            }
        }
        Map<String, ServiceTypeConfig> resolved = composites.resolve(measured);
        Map<String, ServiceTypeConfig> bound = new LinkedHashMap<>();
        for (String name : serviceTypes.node().keys()) {
            ServiceTypeConfig config = measured.containsKey(name) ? measured.get(name) : resolved.get(name);
            if (config != null) {
                bound.put(name, config);
            }
        }
        return bound;
    }

    private ServiceTypeConfig bind(String path, MapNode.Entry entry) {
        String name = entry.key();
        if (!(entry.value() instanceof MapNode map)) {
            problems.add(path, entry.value().location(), "expected a map with 'source', 'target' and the "
                    + "plugin's parameters, found " + entry.value().kind());
            return null;
        }
        NodeSettings host = new NodeSettings(path, map, problems, Set.of());
        SourceConfig source = source(host);
        if (source == null) {
            return null;
        }
        PluginKeys keys = plugins.apply(source.type());
        Map<String, String> sourceAliases = keys.serviceTypeAliases();
        String targetKey = spelling(host, TARGET, sourceAliases);
        String activationKey = spelling(host, ACTIVATION, sourceAliases);
        double target = target(host, targetKey, sourceAliases);
        double activation = host.number(activationKey, 0);
        Timing timing = TimingBinder.bind(host, source.timing(), problems, keys.bareTimeoutMillis());
        Set<String> overrides = overrides(host);
        WindowSpec window = WindowBinder.bind(host, timing);
        if (problems.anyAtOrBelow(path) || timing == null) {
            return null;
        }
        Set<String> hidden = new HashSet<>(HOST_KEYS);
        sourceAliases.forEach((alias, hostKey) -> {
            if (OVERRIDABLE.contains(hostKey)) {
                hidden.add(alias);
            }
        });
        List<MapNode.Entry> params = new ArrayList<>();
        // Aliases stay visible (and count as read), so a plugin can tell which KEDA word was used.
        map.entries().stream().filter(e -> !HOST_KEYS.contains(e.key())).forEach(params::add);
        params.add(resolved(TARGET, target, host, targetKey));
        params.add(resolved(ACTIVATION, activation, host, activationKey));
        NodeSettings plugin = new NodeSettings(path, new MapNode(map.location(), params), problems, hidden);
        if (!keys.serviceTypeKeys().isEmpty()) {
            plugin.declareKeys(keys.ownServiceTypeKeys());
        }
        document.registerPluginSettings(plugin);
        return new ServiceTypeConfig(name, source.name(), target, activation, timing, overrides, plugin).withWindow(window);
    }

    private SourceConfig source(NodeSettings host) {
        String name = host.string(SOURCE);
        if (name == null) {
            return null;
        }
        if (!declaredSources.contains(name)) {
            String shown = host.isSecret(SOURCE) ? "a substituted name" : "'" + name + "'";
            host.problem(SOURCE, declaredSources.isEmpty()
                    ? "unknown source " + shown + ": no sources are defined under 'sources:'"
                    : "unknown source " + shown + (host.isSecret(SOURCE) ? "" : Suggestions.didYouMean(name, declaredSources))
                            + "; sources: " + String.join(", ", declaredSources));
        }
        // A declared source that did not bind has its problems reported already.
        return sources.get(name);
    }

    /** The one spelling of {@code hostKey} that is present (or the host key), reporting any other. */
    private static String spelling(NodeSettings host, String hostKey, Map<String, String> aliases) {
        Set<String> spellings = new LinkedHashSet<>();
        spellings.add(hostKey);
        aliases.forEach((alias, target) -> {
            if (target.equals(hostKey)) {
                spellings.add(alias);
            }
        });
        List<String> present = spellings.stream().filter(host::has).toList();
        host.declare(spellings.toArray(String[]::new));
        for (String extra : present.subList(Math.min(1, present.size()), present.size())) {
            host.problem(extra, "'" + present.get(0) + "' and '" + extra + "' are two spellings of the same "
                    + hostKey + ": give only one");
        }
        return present.isEmpty() ? hostKey : present.get(0);
    }

    static double target(NodeSettings host, String key, Map<String, String> aliases) {
        if (host.node().get(key).filter(value -> !value.isNull()).isEmpty()) {
            List<String> others = aliases.entrySet().stream().filter(e -> e.getValue().equals(TARGET))
                    .map(Map.Entry::getKey).sorted().toList();
            host.problem(TARGET, "required: the value per replica the autoscaler aims at"
                    + (others.isEmpty() ? "" : " (or its alias " + String.join(", ", others) + ")"));
            return Double.NaN;
        }
        return host.positiveNumber(key, Double.NaN);
    }

    /** The host keys that trigger metadata may override, as listed under {@code metadataOverrides}. */
    static Set<String> overrides(NodeSettings host) {
        Problems problems = host.problems();
        Set<String> overrides = new LinkedHashSet<>();
        ConfigNode node = host.node().get(METADATA_OVERRIDES).orElse(null);
        host.declare(METADATA_OVERRIDES);
        if (node == null || node instanceof ScalarNode s && s.type() == ScalarNode.Type.NULL) {
            return overrides;
        }
        List<ConfigNode> items = node instanceof ListNode list ? list.items() : List.of(node);
        for (int i = 0; i < items.size(); i++) {
            String at = host.pathOf(METADATA_OVERRIDES) + (node instanceof ListNode ? "[" + i + "]" : "");
            ConfigNode item = items.get(i);
            if (!(item instanceof ScalarNode scalar)) {
                problems.add(at, item.location(), "expected target or activation, found " + item.kind());
            } else if (OVERRIDABLE.contains(scalar.text())) {
                overrides.add(scalar.text());
            } else if (scalar.type() != ScalarNode.Type.INVALID) {
                String hint = scalar.secret() ? "" : Suggestions.didYouMean(scalar.text(), OVERRIDABLE);
                problems.add(at, item.location(), scalar.shown() + " cannot be overridden by trigger metadata"
                        + hint + ": only target and activation can");
            }
        }
        return overrides;
    }

    /** The resolved value of a host key, for the plugin to read; keeps where it came from. */
    private static MapNode.Entry resolved(String key, double value, NodeSettings host, String spelling) {
        Location at = host.locationOf(spelling);
        String text = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
        Location keyAt = host.node().entry(spelling).map(MapNode.Entry::keyLocation).orElse(at);
        return new MapNode.Entry(key, keyAt, new ScalarNode(at, ScalarNode.Type.NUMBER, text, value, host.isSecret(spelling)));
    }
}
