package dev.scalerhost.plugin.prometheus;

import java.util.List;

/** How several series are combined into one value, as the binding's {@code aggregate:} says. */
enum Aggregate {
    MAX, MIN, SUM, AVG;

    static final String[] NAMES = {"max", "min", "sum", "avg"};

    static Aggregate of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** Combines finite values; {@code values} is not empty. */
    double apply(List<Double> values) {
        return switch (this) {
            case MAX -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case MIN -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case SUM -> values.stream().mapToDouble(Double::doubleValue).sum();
            case AVG -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
