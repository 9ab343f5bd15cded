package dev.scalerhost.host.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What a composite serviceType combines: the weighted values of other serviceTypes (its parts), so
 * that one KEDA trigger can scale on several signals at once. A composite is never measured: it is
 * answered from its parts' cached values, and has no value while any part has none.
 *
 * @param operator how the weighted part values combine
 * @param parts    each part's serviceType and weight (finite, &gt; 0), in file order; at least one. A
 *                 weight converts the part's unit into the composite's: the composite's value is
 *                 {@code operator(weight × part value, ...)}
 */
public record CompositeConfig(Operator operator, Map<String, Double> parts) {

    /** How the weighted part values combine. */
    public enum Operator {
        /** The largest: the part that asks for the most replicas decides. */
        MAX,
        /** The total: every part adds replicas. */
        SUM;

        /** The spelling in the config file: {@code max} or {@code sum}. */
        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** {@code a} and {@code b} combined. */
        public double apply(double a, double b) {
            return this == MAX ? Math.max(a, b) : a + b;
        }
    }

    public CompositeConfig {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(parts, "parts");
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("a composite needs at least one part");
        }
        parts.forEach((part, weight) -> {
            Objects.requireNonNull(part, "part");
            if (weight == null || !(weight > 0) || !Double.isFinite(weight)) {
                throw new IllegalArgumentException("weight of part '" + part + "' must be a finite number > 0, got " + weight);
            }
        });
        parts = Collections.unmodifiableMap(new LinkedHashMap<>(parts));
    }

    /** E.g. {@code max(pipeline-queue-depth, 2500*pipeline-backpressure)}; a weight of 1 is left out. */
    public String describe() {
        StringBuilder out = new StringBuilder(operator.keyword()).append('(');
        String separator = "";
        for (Map.Entry<String, Double> part : parts.entrySet()) {
            out.append(separator);
            if (part.getValue() != 1) {
                out.append(number(part.getValue())).append('*');
            }
            out.append(part.getKey());
            separator = ", ";
        }
        return out.append(')').toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
