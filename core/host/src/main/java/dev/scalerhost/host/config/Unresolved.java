package dev.scalerhost.host.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * For validating a file without the secrets it will run with ({@code check --validate-only}): an
 * unset {@code ${NAME}} without a default, or a {@code ${file:...}} that does not exist here, is
 * not a problem but a value the running host will have. Substitution records it here and puts a
 * stand-in text in its place, so that the rest of the file (and every other key the plugins read)
 * is still checked; problems reported at such a key are notes, not errors.
 */
public final class Unresolved {

    /** What an unresolved reference is replaced with: non-empty, so "required" and "not empty" checks pass. */
    static final String STAND_IN = "unresolved-at-validation";

    private final Map<String, String> reasons = new LinkedHashMap<>();

    synchronized void add(String path, String reason) {
        reasons.merge(path, reason, (a, b) -> a.equals(b) ? a : a + "; " + b);
    }

    /** Why the value at {@code path}, or at a key above it, could not be resolved; {@code null} if it was. */
    public synchronized String reasonAt(String path) {
        for (Map.Entry<String, String> entry : reasons.entrySet()) {
            String at = entry.getKey();
            if (path.equals(at) || path.startsWith(at + ".") || path.startsWith(at + "[")) {
                return entry.getValue();
            }
        }
        return null;
    }

    /** Every unresolved value: path to reason, in file order. */
    public synchronized Map<String, String> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
    }

    /** Whether any value at or below {@code path} was unresolved. */
    public synchronized boolean anyAtOrBelow(String path) {
        return reasons.keySet().stream().anyMatch(p -> p.equals(path) || p.startsWith(path + ".") || p.startsWith(path + "["));
    }
}
