package dev.scalerhost.host.plugin;

import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small {@link Settings} over a map of strings that records its problems, for plugin tests. */
final class MapSettings implements Settings {

    private final String path;
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    MapSettings(String path, Map<String, String> values) {
        this.path = path;
        this.values = new LinkedHashMap<>(values);
    }

    static MapSettings of(String path, String... keysAndValues) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new MapSettings(path, values);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Set<String> keys() {
        return values.keySet();
    }

    @Override
    public boolean has(String key) {
        return values.containsKey(key);
    }

    @Override
    public String string(String key) {
        String value = values.get(key);
        if (value == null) {
            problem(key, "required");
        }
        return value;
    }

    @Override
    public String string(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    @Override
    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public Optional<String> secret(String key) {
        return optionalString(key);
    }

    @Override
    public String oneOf(String key, String defaultValue, String... allowed) {
        String value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        for (String option : allowed) {
            if (option.equalsIgnoreCase(value)) {
                return option;
            }
        }
        problem(key, "must be one of " + String.join(", ", allowed));
        return defaultValue;
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return values.containsKey(key) ? Boolean.parseBoolean(values.get(key)) : defaultValue;
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    @Override
    public long longValue(String key, long defaultValue, long min, long max) {
        return values.containsKey(key) ? Long.parseLong(values.get(key)) : defaultValue;
    }

    @Override
    public double number(String key, double defaultValue) {
        return values.containsKey(key) ? Double.parseDouble(values.get(key)) : defaultValue;
    }

    @Override
    public double positiveNumber(String key, double defaultValue) {
        return number(key, defaultValue);
    }

    @Override
    public double requiredNumber(String key) {
        String value = string(key);
        return value == null ? Double.NaN : Double.parseDouble(value);
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        return values.containsKey(key) ? Duration.parse(values.get(key)) : defaultValue;
    }

    @Override
    public List<String> stringList(String key) {
        return values.containsKey(key) ? List.of(values.get(key).split(",")) : List.of();
    }

    @Override
    public Map<String, String> stringMap(String key) {
        return Map.of();
    }

    @Override
    public Optional<Settings> section(String key) {
        return Optional.empty();
    }

    @Override
    public List<Settings> sections(String key) {
        return List.of();
    }

    @Override
    public void problem(String key, String message) {
        problems.add((key == null ? path : path + "." + key) + ": " + message);
    }

    @Override
    public boolean hasProblems() {
        return !problems.isEmpty();
    }
}
