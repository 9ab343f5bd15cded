package dev.scalerhost.spi;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Typed, path-aware access to one map of the configuration: a source's keys or a binding's.
 *
 * <p>Accessors never throw for bad input. A missing required key or a value of the wrong kind is
 * recorded as a problem that names the full path ({@code serviceTypes.ingest-logs.topic: required})
 * and its line, and the accessor returns {@code null} (objects) or the default; the host reports
 * every problem of the file at once and refuses to start. Keys the provider does not declare
 * ({@link MetricSourceProvider#sourceKeys()}, {@link MetricSourceProvider#bindingKeys()}) are reported
 * as unknown, with the nearest declared key as a suggestion. A provider that declares none gets the
 * older rule: keys that nothing reads are unknown, so it reads every key it supports even when its
 * value does not matter for the current mode.
 *
 * <p>Values are already substituted ({@code ${ENV}}, {@code ${ENV:-default}}, {@code ${file:/path}}).
 * The host never prints a value that came from a substitution or was read with {@link #secret}.
 */
public interface Settings {

    /** The full path of this map, e.g. {@code sources.kafka} or {@code serviceTypes.ingest-logs}. */
    String path();

    /** The keys present in this map, in file order. */
    Set<String> keys();

    /** Whether {@code key} is present. Does not count as reading it. */
    boolean has(String key);

    /** A required string; {@code null} and a problem if missing. */
    String string(String key);

    /** An optional string. */
    String string(String key, String defaultValue);

    /** An optional string, empty if absent. */
    Optional<String> optionalString(String key);

    /** A secret string (password, token): never printed by the host. Empty if absent. */
    Optional<String> secret(String key);

    /** One of {@code allowed} (compared ignoring case; the allowed spelling is returned). */
    String oneOf(String key, String defaultValue, String... allowed);

    /** An optional boolean ({@code true}/{@code false}). */
    boolean bool(String key, boolean defaultValue);

    /** An optional integer within [{@code min}, {@code max}]. */
    int integer(String key, int defaultValue, int min, int max);

    /** An optional long within [{@code min}, {@code max}]. */
    long longValue(String key, long defaultValue, long min, long max);

    /** An optional finite number. */
    double number(String key, double defaultValue);

    /** An optional finite number greater than zero. */
    double positiveNumber(String key, double defaultValue);

    /** A required finite number; {@code NaN} and a problem if missing or not a number. */
    double requiredNumber(String key);

    /**
     * An optional duration: {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601
     * ({@code PT5S}). A bare number is rejected as ambiguous.
     */
    Duration duration(String key, Duration defaultValue);

    /** A list of strings; a single scalar counts as a list of one. Empty if absent. */
    List<String> stringList(String key);

    /**
     * A map of strings to strings (client properties, HTTP headers). Empty if absent. A string in KEDA's
     * {@code key1=value1,key2=value2} form is read as that map.
     */
    Map<String, String> stringMap(String key);

    /** A nested map, empty if absent. Its keys are checked for unknown ones like this map's. */
    Optional<Settings> section(String key);

    /** A list of nested maps, empty if absent. */
    List<Settings> sections(String key);

    /**
     * Records a problem with {@code key} (or with this whole map if {@code key} is {@code null}),
     * e.g. a cross-key rule: {@code problem("partitionLimitation", "range 7-5 is reversed")}.
     * Marks the key as read.
     */
    void problem(String key, String message);

    /** Whether any problem was recorded on this map or its sections so far. */
    boolean hasProblems();
}
