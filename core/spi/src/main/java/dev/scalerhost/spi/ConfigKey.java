package dev.scalerhost.spi;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One configuration key, declared once: its name, type, default, description, allowed values and
 * other spellings. The host derives from these declarations the unknown-key check, type checks, the
 * aliases of {@code target} and {@code activation}, and the JSON Schema of the configuration
 * ({@code scalerhost schema}).
 *
 * <p>Build one with a factory per type and refine it: {@code ConfigKey.duration("requestTimeout",
 * "How long one admin request may take").withDefault("30s")}.
 *
 * @param name         the key as written in YAML
 * @param type         the kind of value
 * @param defaultValue the default as a user would write it, {@code null} if there is none
 * @param description  one sentence for editors and the schema
 * @param values       the allowed values of a {@link Type#STRING} key (an enum), empty if any
 * @param aliases      other spellings of this key (e.g. KEDA's words); giving two is an error
 * @param required     whether the key must always be given
 * @param keys         the keys of a {@link Type#SECTION} or {@link Type#SECTIONS}, empty if undeclared
 */
public record ConfigKey(String name, Type type, String defaultValue, String description, List<String> values,
        List<String> aliases, boolean required, List<ConfigKey> keys) {

    /** The kind of value a key holds. Numbers and booleans may also be given as strings, as KEDA writes them. */
    public enum Type {
        STRING, SECRET, BOOLEAN, INTEGER, NUMBER, DURATION, STRING_LIST, STRING_MAP, SECTION, SECTIONS
    }

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        values = List.copyOf(values);
        aliases = List.copyOf(aliases);
        keys = List.copyOf(keys);
    }

    public static ConfigKey of(String name, Type type, String description) {
        return new ConfigKey(name, type, null, description, List.of(), List.of(), false, List.of());
    }

    public static ConfigKey string(String name, String description) {
        return of(name, Type.STRING, description);
    }

    /** A password or token: never printed by the host. */
    public static ConfigKey secret(String name, String description) {
        return of(name, Type.SECRET, description);
    }

    public static ConfigKey bool(String name, String description) {
        return of(name, Type.BOOLEAN, description);
    }

    public static ConfigKey integer(String name, String description) {
        return of(name, Type.INTEGER, description);
    }

    public static ConfigKey number(String name, String description) {
        return of(name, Type.NUMBER, description);
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h} or ISO-8601. */
    public static ConfigKey duration(String name, String description) {
        return of(name, Type.DURATION, description);
    }

    /** A list of strings; a single string counts as a list of one. */
    public static ConfigKey stringList(String name, String description) {
        return of(name, Type.STRING_LIST, description);
    }

    /** A map of strings to strings, or KEDA's {@code k1=v1,k2=v2} string. */
    public static ConfigKey stringMap(String name, String description) {
        return of(name, Type.STRING_MAP, description);
    }

    /** A nested map with its own keys. */
    public static ConfigKey section(String name, String description, ConfigKey... keys) {
        return of(name, Type.SECTION, description).withKeys(keys);
    }

    /** One of {@code values}, compared ignoring case. */
    public static ConfigKey oneOf(String name, String description, String... values) {
        return new ConfigKey(name, Type.STRING, null, description, Arrays.asList(values), List.of(), false, List.of());
    }

    /** This key with a default, written as a user would write it ({@code 30s}, {@code 5}, {@code true}). */
    public ConfigKey withDefault(Object value) {
        return new ConfigKey(name, type, String.valueOf(value), description, values, aliases, required, keys);
    }

    /** This key with a duration default, written as {@code 250ms}, {@code 5s}, {@code 2m} or {@code 1h} where it can be. */
    public ConfigKey withDefault(Duration value) {
        long millis = value.toMillis();
        String text = !value.equals(Duration.ofMillis(millis)) || millis == 0 ? value.toString()
                : millis % 3_600_000 == 0 ? millis / 3_600_000 + "h"
                : millis % 60_000 == 0 ? millis / 60_000 + "m"
                : millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        return withDefault(text);
    }

    /**
     * This key with other spellings. A plugin's binding key named {@code target} or {@code activation}
     * declares only the plugin's aliases of that host key, e.g. KEDA's {@code lagThreshold}.
     */
    public ConfigKey withAliases(String... names) {
        return new ConfigKey(name, type, defaultValue, description, values, Arrays.asList(names), required, keys);
    }

    /** This key, to be given always. */
    public ConfigKey asRequired() {
        return new ConfigKey(name, type, defaultValue, description, values, aliases, true, keys);
    }

    /** This section with its keys. */
    public ConfigKey withKeys(ConfigKey... nested) {
        return new ConfigKey(name, type, defaultValue, description, values, aliases, required, Arrays.asList(nested));
    }
}
