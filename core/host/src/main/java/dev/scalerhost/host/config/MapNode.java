package dev.scalerhost.host.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A YAML mapping with string keys, in file order.
 *
 * @param location where the mapping starts
 * @param entries  the entries, keys unique
 */
public record MapNode(Location location, List<Entry> entries) implements ConfigNode {

    /**
     * One key and its value.
     *
     * @param key         the key
     * @param keyLocation where the key is
     * @param value       the value
     */
    public record Entry(String key, Location keyLocation, ConfigNode value) {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyLocation, "keyLocation");
            Objects.requireNonNull(value, "value");
        }
    }

    public MapNode {
        Objects.requireNonNull(location, "location");
        entries = List.copyOf(entries);
        Map<String, Entry> unique = new LinkedHashMap<>();
        for (Entry entry : entries) {
            if (unique.putIfAbsent(entry.key(), entry) != null) {
                throw new IllegalArgumentException("duplicate key '" + entry.key() + "'");
            }
        }
    }

    public Optional<Entry> entry(String key) {
        return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }

    public Optional<ConfigNode> get(String key) {
        return entry(key).map(Entry::value);
    }

    public List<String> keys() {
        List<String> keys = new ArrayList<>(entries.size());
        entries.forEach(e -> keys.add(e.key()));
        return Collections.unmodifiableList(keys);
    }

    /** A copy with only the entries whose key matches {@code keep}. */
    public MapNode filter(Predicate<String> keep) {
        return new MapNode(location, entries.stream().filter(e -> keep.test(e.key())).toList());
    }

    @Override
    public String kind() {
        return "a map";
    }
}
