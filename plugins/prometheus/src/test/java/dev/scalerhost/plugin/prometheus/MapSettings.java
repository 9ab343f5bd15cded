package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Settings over a plain map, recording problems as {@code path.key: message}, for unit tests. */
final class MapSettings implements Settings {

    private final String path;
    private final Map<String, ?> values;
    private final List<String> problems;

    private MapSettings(String path, Map<String, ?> values, List<String> problems) {
        this.path = path;
        this.values = values;
        this.problems = problems;
    }

    static MapSettings of(String path, Map<String, ?> values) {
        return new MapSettings(path, new LinkedHashMap<>(values), new ArrayList<>());
    }

    List<String> problems() {
        return problems;
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
        if (!has(key)) {
            problem(key, "required");
            return null;
        }
        return String.valueOf(values.get(key));
    }

    @Override
    public String string(String key, String defaultValue) {
        return has(key) ? String.valueOf(values.get(key)) : defaultValue;
    }

    @Override
    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(string(key, null));
    }

    @Override
    public Optional<String> secret(String key) {
        return optionalString(key);
    }

    @Override
    public String oneOf(String key, String defaultValue, String... allowed) {
        String value = string(key, defaultValue);
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        problem(key, "must be one of " + String.join(", ", allowed));
        return defaultValue;
    }

    @Override
    public boolean bool(String key, boolean defaultValue) {
        return has(key) ? Boolean.parseBoolean(String.valueOf(values.get(key))) : defaultValue;
    }

    @Override
    public int integer(String key, int defaultValue, int min, int max) {
        return (int) longValue(key, defaultValue, min, max);
    }

    @Override
    public long longValue(String key, long defaultValue, long min, long max) {
        return has(key) ? Long.parseLong(String.valueOf(values.get(key))) : defaultValue;
    }

    @Override
    public double number(String key, double defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(String.valueOf(values.get(key)));
        } catch (NumberFormatException e) {
            problem(key, "must be a number");
            return defaultValue;
        }
    }

    @Override
    public double positiveNumber(String key, double defaultValue) {
        return number(key, defaultValue);
    }

    @Override
    public double requiredNumber(String key) {
        return has(key) ? number(key, Double.NaN) : Double.NaN;
    }

    @Override
    public Duration duration(String key, Duration defaultValue) {
        if (!has(key)) {
            return defaultValue;
        }
        String text = String.valueOf(values.get(key)).toLowerCase(Locale.ROOT);
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }

    @Override
    public List<String> stringList(String key) {
        Object value = values.get(key);
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
                : value == null ? List.of() : List.of(String.valueOf(value));
    }

    @Override
    public Map<String, String> stringMap(String key) {
        Object value = values.get(key);
        Map<String, String> map = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((name, entry) -> map.put(String.valueOf(name), String.valueOf(entry)));
        }
        return map;
    }

    @Override
    public Optional<Settings> section(String key) {
        Object value = values.get(key);
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((name, entry) -> copy.put(String.valueOf(name), entry));
        return Optional.of(new MapSettings(path + "." + key, copy, problems));
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
