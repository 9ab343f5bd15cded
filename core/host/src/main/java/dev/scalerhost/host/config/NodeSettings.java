package dev.scalerhost.host.config;

import dev.scalerhost.host.secrets.Secrets;
import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * {@link Settings} over one map of the configuration. Once its keys are declared
 * ({@link #declareKeys}), {@link #reportUnknownKeys()} reports every other key and checks the type of
 * declared keys nothing read ({@link DeclaredKeys}). Undeclared (a plugin that declares nothing),
 * every accessor records the key as read (even when absent), and {@link #reportUnknownKeys()} names
 * the keys nothing read, suggesting the nearest read one.
 */
public final class NodeSettings implements Settings {

    private final String path;
    private final MapNode map;
    private final Problems problems;
    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final Set<String> preset = ConcurrentHashMap.newKeySet();
    private volatile List<ConfigKey> declared;
    private final Map<String, List<NodeSettings>> children = new ConcurrentHashMap<>();
    private volatile boolean ignoreUnknownKeys;

    /**
     * @param path        the full path of the map, empty for the top level
     * @param map         the map
     * @param problems    where problems go
     * @param alreadyRead keys that count as read from the start (filled in by the host)
     */
    NodeSettings(String path, MapNode map, Problems problems, Set<String> alreadyRead) {
        this.path = Objects.requireNonNull(path, "path");
        this.map = Objects.requireNonNull(map, "map");
        this.problems = Objects.requireNonNull(problems, "problems");
        read.addAll(alreadyRead);
        preset.addAll(alreadyRead);
    }

    /** Where this map's problems go. */
    public Problems problems() {
        return problems;
    }

    /** Records every key of this map and its sections that nothing read as a problem. */
    public void reportUnknownKeys() {
        if (ignoreUnknownKeys) {
            return;
        }
        List<ConfigKey> keys = declared;
        if (keys == null) {
            UnknownKeys.report(this, map, Set.copyOf(read), problems);
            children.values().forEach(list -> list.forEach(NodeSettings::reportUnknownKeys));
        } else {
            DeclaredKeys.report(this, keys);
        }
    }

    /**
     * Declares the keys this map accepts (besides those marked known with {@link #declare}): from
     * now on, unknown keys and the types of unread keys are checked against them.
     */
    public void declareKeys(List<ConfigKey> keys) {
        declared = List.copyOf(keys);
    }

    /**
     * Stops {@link #reportUnknownKeys()} from reporting this map, e.g. because the plugin that
     * owns its keys could not be loaded and that is reported already.
     */
    public void ignoreUnknownKeys() {
        ignoreUnknownKeys = true;
    }

    /** Marks keys as known without reading them. */
    void declare(String... keys) {
        read.addAll(Arrays.asList(keys));
        preset.addAll(Arrays.asList(keys));
    }

    /** The keys marked known by the host rather than by a declaration or a read. */
    Set<String> preset() {
        return Set.copyOf(preset);
    }

    /** Whether {@code key} was read by an accessor. */
    boolean wasRead(String key) {
        return read.contains(key);
    }

    /** The sections read at {@code key} so far (one for a map, several for a list of maps). */
    List<NodeSettings> childrenAt(String key) {
        return children.getOrDefault(key, List.of());
    }

    MapNode node() {
        return map;
    }

    /** Whether {@code key}'s value came from a substitution, so must not be printed. */
    boolean isSecret(String key) {
        return map.get(key).filter(n -> n instanceof ScalarNode s && s.secret()).isPresent();
    }

    /** The section at {@code key}, or an empty one (at this map's location) if absent or not a map. */
    NodeSettings sectionOrEmpty(String key) {
        NodeSettings section = sectionNode(key);
        if (section != null) {
            return section;
        }
        MapNode none = new MapNode(locationOf(key), List.of());
        return children.computeIfAbsent(key, k -> List.of(new NodeSettings(pathOf(k), none, problems, Set.of()))).get(0);
    }

    /** Where {@code key}'s value is, or where this map is when the key is absent. */
    Location locationOf(String key) {
        return map.get(key).map(ConfigNode::location).orElse(map.location());
    }

    String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Set<String> keys() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(map.keys()));
    }

    @Override
    public boolean has(String key) {
        return map.get(key).isPresent();
    }

    @Override
    public String string(String key) {
        ScalarNode scalar = scalar(key);
        if (scalar == null) {
            problem(key, "required");
            return null;
        }
        if (scalar.type() == ScalarNode.Type.INVALID) {
            return null;
        }
        if (scalar.text().isBlank()) {
            problem(key, "must not be empty");
            return null;
        }
        return scalar.text();
    }

    @Override
    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    @Override
    public Optional<String> optionalString(String key) {
        ScalarNode scalar = scalar(key);
        return scalar == null || scalar.type() == ScalarNode.Type.INVALID ? Optional.empty() : Optional.of(scalar.text());
    }

    @Override
    public Optional<String> secret(String key) {
        Optional<String> value = optionalString(key);
        value.ifPresent(Secrets::remember);
        return value;
    }

    @Override
    public String oneOf(String key, String defaultValue, String... allowed) {
        return typed(key, defaultValue, scalar -> Scalars.oneOf(scalar, List.of(allowed)));
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return typed(key, defaultValue, Scalars::bool);
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    @Override
    public long longValue(String key, long defaultValue, long min, long max) {
        return typed(key, defaultValue, scalar -> Scalars.whole(scalar, min, max));
    }

    @Override
    public double number(String key, double defaultValue) {
        return typed(key, defaultValue, Scalars::number);
    }

    @Override
    public double positiveNumber(String key, double defaultValue) {
        return typed(key, defaultValue, Scalars::positive);
    }

    @Override
    public double requiredNumber(String key) {
        if (scalar(key) == null) {
            problem(key, "required");
            return Double.NaN;
        }
        return number(key, Double.NaN);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return typed(key, defaultValue, Scalars::duration);
    }

    /** A duration where a bare whole number is milliseconds (KEDA's {@code timeout: "1000"}). */
    Duration durationOrMillis(String key, Duration defaultValue) {
        return typed(key, defaultValue, Scalars::durationOrMillis);
    }

    @Override
    public List<String> stringList(String key) {
        read.add(key);
        return map.get(key).map(node -> NodeValues.stringList(node, pathOf(key), problems)).orElse(List.of());
    }

    @Override
    public Map<String, String> stringMap(String key) {
        read.add(key);
        return map.get(key).map(node -> NodeValues.stringMap(node, pathOf(key), problems)).orElse(Map.of());
    }

    @Override
    public Optional<Settings> section(String key) {
        return Optional.ofNullable(sectionNode(key));
    }

    /** Like {@link #section} but typed, for the host's own sections. */
    NodeSettings sectionNode(String key) {
        read.add(key);
        ConfigNode node = map.get(key).orElse(null);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!(node instanceof MapNode nested)) {
            problem(key, "expected a map, found " + node.kind());
            return null;
        }
        return children.computeIfAbsent(key, k -> List.of(new NodeSettings(pathOf(k), nested, problems, Set.of()))).get(0);
    }

    @Override
    public List<Settings> sections(String key) {
        read.add(key);
        ConfigNode node = map.get(key).orElse(null);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!(node instanceof ListNode list)) {
            problem(key, "expected a list of maps, found " + node.kind());
            return List.of();
        }
        return List.copyOf(children.computeIfAbsent(key, k -> {
            List<NodeSettings> sections = new ArrayList<>();
            for (int i = 0; i < list.items().size(); i++) {
                ConfigNode item = list.items().get(i);
                String at = pathOf(k) + "[" + i + "]";
                if (item instanceof MapNode nested) {
                    sections.add(new NodeSettings(at, nested, problems, Set.of()));
                } else {
                    problems.add(at, item.location(), "expected a map, found " + item.kind());
                }
            }
            return List.copyOf(sections);
        }));
    }

    @Override
    public void problem(String key, String message) {
        Objects.requireNonNull(message, "message");
        // Plugins report problems here in their own words, which may quote a value they read.
        message = Secrets.redact(message);
        if (key == null) {
            problems.add(path, map.location(), message);
        } else {
            read.add(key);
            // An invalid value (an unset variable, an unreadable file) has its problem already: a
            // plugin's complaint that it is empty would only follow from that one.
            if (map.get(key).orElse(null) instanceof ScalarNode scalar && scalar.type() == ScalarNode.Type.INVALID) {
                return;
            }
            problems.add(pathOf(key), locationOf(key), message);
        }
    }

    @Override
    public boolean hasProblems() {
        return problems.anyAtOrBelow(path);
    }

    @Override
    public String toString() {
        return "NodeSettings[" + path + ", keys " + map.keys() + "]";
    }

    /**
     * The scalar at {@code key}, marking the key read; {@code null} if absent or null; an
     * {@link ScalarNode.Type#INVALID} scalar, after recording a problem, if it is a map or list.
     */
    private ScalarNode scalar(String key) {
        read.add(key);
        ConfigNode node = map.get(key).orElse(null);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar;
        }
        problem(key, "expected a single value, found " + node.kind());
        return ScalarNode.invalid(node.location());
    }

    private <T> T typed(String key, T defaultValue, Function<ScalarNode, Scalars.Parsed<T>> convert) {
        ScalarNode scalar = scalar(key);
        if (scalar == null || scalar.type() == ScalarNode.Type.INVALID) {
            return defaultValue;
        }
        Scalars.Parsed<T> parsed = convert.apply(scalar);
        if (!parsed.ok()) {
            problems.add(pathOf(key), scalar.location(), parsed.error());
            return defaultValue;
        }
        return parsed.value();
    }
}
