package dev.scalerhost.host.config;

import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the single values of one map and converts them, recording a problem at the value's path
 * for a required value that is missing, a map or list where a single value belongs, or a value of
 * the wrong type. Every read marks its key read ({@link KeyTracker}), even when the key is absent.
 */
final class ValueReader {

    private final NodeSettings owner;
    private final MapNode map;
    private final KeyTracker keys;

    ValueReader(NodeSettings owner, MapNode map, KeyTracker keys) {
        this.owner = owner;
        this.map = map;
        this.keys = keys;
    }

    /** The text at {@code key}; null, after recording a problem, if it is missing, blank or invalid. */
    String requiredText(String key) {
        ScalarNode scalar = scalar(key);
        if (scalar == null) {
            owner.problem(key, "required");
            return null;
        }
        if (scalar.type() == ScalarNode.Type.INVALID) {
            return null;
        }
        if (scalar.text().isBlank()) {
            owner.problem(key, "must not be empty");
            return null;
        }
        return scalar.text();
    }

    /** The text at {@code key}, empty if it is absent, null or invalid. */
    Optional<String> optionalText(String key) {
        ScalarNode scalar = scalar(key);
        return scalar == null || scalar.type() == ScalarNode.Type.INVALID ? Optional.empty() : Optional.of(scalar.text());
    }

    /** The number at {@code key}; NaN, after recording a problem, if it is missing or not a number. */
    double requiredNumber(String key) {
        if (scalar(key) == null) {
            owner.problem(key, "required");
            return Double.NaN;
        }
        return typed(key, Double.NaN, Scalars::number);
    }

    /** The value at {@code key} as {@code convert} reads it; {@code defaultValue} if absent, null or invalid. */
    <T> T typed(String key, T defaultValue, Function<ScalarNode, Scalars.Parsed<T>> convert) {
        ScalarNode scalar = scalar(key);
        if (scalar == null || scalar.type() == ScalarNode.Type.INVALID) {
            return defaultValue;
        }
        Scalars.Parsed<T> parsed = convert.apply(scalar);
        if (!parsed.ok()) {
            owner.problems().add(owner.pathOf(key), scalar.location(), parsed.error());
            return defaultValue;
        }
        return parsed.value();
    }

    /**
     * The scalar at {@code key}, marking the key read; {@code null} if absent or null; an
     * {@link ScalarNode.Type#INVALID} scalar, after recording a problem, if it is a map or list.
     */
    private ScalarNode scalar(String key) {
        keys.read(key);
        ConfigNode node = map.get(key).orElse(null);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar;
        }
        owner.problem(key, "expected a single value, found " + node.kind());
        return ScalarNode.invalid(node.location());
    }
}
