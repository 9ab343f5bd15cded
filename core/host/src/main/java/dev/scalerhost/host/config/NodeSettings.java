package dev.scalerhost.host.config;

import dev.scalerhost.host.secrets.Secrets;
import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Settings} over one map of the configuration: reads and types its values, reporting problems
 * with their paths. Every accessor records the key as read, even when absent, for the unknown-key
 * report ({@link KeyTracker}); the sections read from it are kept in {@link Sections}.
 */
public final class NodeSettings implements Settings {

    private final String path;
    private final MapNode map;
    private final Problems problems;
    private final KeyTracker keys;
    private final ValueReader values;
    private final Sections sections = new Sections(this);

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
        this.keys = new KeyTracker(alreadyRead);
        this.values = new ValueReader(this, map, keys);
    }

    /** Where this map's problems go. */
    public Problems problems() {
        return problems;
    }

    /** Records every key of this map and its sections that nothing read as a problem. */
    public void reportUnknownKeys() {
        keys.report(this, sections);
    }

    /**
     * Declares the keys this map accepts (besides those marked known with {@link #declare}): from
     * now on, unknown keys and the types of unread keys are checked against them.
     */
    public void declareKeys(List<ConfigKey> declared) {
        keys.declare(declared);
    }

    /**
     * Stops {@link #reportUnknownKeys()} from reporting this map, e.g. because the plugin that
     * owns its keys could not be loaded and that is reported already.
     */
    public void ignoreUnknownKeys() {
        keys.ignore();
    }

    /** Marks keys as known without reading them. */
    void declare(String... known) {
        keys.preset(known);
    }

    /** The keys marked known by the host rather than by a declaration or a read. */
    Set<String> preset() {
        return keys.preset();
    }

    /** Whether {@code key} was read by an accessor. */
    boolean wasRead(String key) {
        return keys.wasRead(key);
    }

    /** The sections read at {@code key} so far (one for a map, several for a list of maps). */
    List<NodeSettings> childrenAt(String key) {
        return sections.at(key);
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
        return section != null ? section : sections.empty(key, locationOf(key));
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
        return values.requiredText(key);
    }

    @Override
    public String string(String key, String defaultValue) {
        return optionalString(key).orElse(defaultValue);
    }

    @Override
    public Optional<String> optionalString(String key) {
        return values.optionalText(key);
    }

    @Override
    public Optional<String> secret(String key) {
        Optional<String> value = optionalString(key);
        value.ifPresent(Secrets::remember);
        return value;
    }

    @Override
    public String oneOf(String key, String defaultValue, String... allowed) {
        return values.typed(key, defaultValue, scalar -> Scalars.oneOf(scalar, List.of(allowed)));
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return values.typed(key, defaultValue, Scalars::bool);
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    @Override
    public long longValue(String key, long defaultValue, long min, long max) {
        return values.typed(key, defaultValue, scalar -> Scalars.whole(scalar, min, max));
    }

    @Override
    public double number(String key, double defaultValue) {
        return values.typed(key, defaultValue, Scalars::number);
    }

    @Override
    public double positiveNumber(String key, double defaultValue) {
        return values.typed(key, defaultValue, Scalars::positive);
    }

    @Override
    public double requiredNumber(String key) {
        return values.requiredNumber(key);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return values.typed(key, defaultValue, Scalars::duration);
    }

    /** A duration where a bare whole number is milliseconds (KEDA's {@code timeout: "1000"}). */
    Duration durationOrMillis(String key, Duration defaultValue) {
        return values.typed(key, defaultValue, Scalars::durationOrMillis);
    }

    @Override
    public List<String> stringList(String key) {
        keys.read(key);
        return map.get(key).map(node -> NodeValues.stringList(node, pathOf(key), problems)).orElse(List.of());
    }

    @Override
    public Map<String, String> stringMap(String key) {
        keys.read(key);
        return map.get(key).map(node -> NodeValues.stringMap(node, pathOf(key), problems)).orElse(Map.of());
    }

    @Override
    public Optional<Settings> section(String key) {
        return Optional.ofNullable(sectionNode(key));
    }

    /** Like {@link #section} but typed, for the host's own sections. */
    NodeSettings sectionNode(String key) {
        keys.read(key);
        return sections.map(key, map.get(key).orElse(null));
    }

    @Override
    public List<Settings> sections(String key) {
        keys.read(key);
        return List.copyOf(sections.list(key, map.get(key).orElse(null)));
    }

    @Override
    public void problem(String key, String message) {
        Objects.requireNonNull(message, "message");
        // Plugins report problems here in their own words, which may quote a value they read.
        message = Secrets.redact(message);
        if (key == null) {
            problems.add(path, map.location(), message);
        } else {
            keys.read(key);
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
}
