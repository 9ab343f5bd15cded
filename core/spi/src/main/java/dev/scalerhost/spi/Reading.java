package dev.scalerhost.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The result of measuring one metric: a value, or a failure of that metric alone.
 */
public sealed interface Reading permits Reading.Value, Reading.Failure {

    /** A measured value; activation uses the same value. */
    static Value of(double value) {
        return new Value(value, value, Map.of());
    }

    /**
     * A measured value with a separate value for activation, for sources whose scaling metric
     * leaves out something that must still keep the workload active (Kafka's persistent lag).
     */
    static Value of(double value, double activationValue) {
        return new Value(value, activationValue, Map.of());
    }

    /**
     * A failure of one metric. The message says what failed and why, names the object concerned
     * (topic, group, query) and never contains a secret.
     */
    static Failure failure(String message) {
        return new Failure(message);
    }

    /**
     * A measured value.
     *
     * @param value           the metric value sent to KEDA; finite
     * @param activationValue the value compared with the binding's activation; finite
     * @param details         optional figures shown in {@code /status}, e.g. {@code partitions=8}
     */
    record Value(double value, double activationValue, Map<String, Double> details) implements Reading {
        public Value {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("value must be finite, got " + value);
            }
            if (!Double.isFinite(activationValue)) {
                throw new IllegalArgumentException("activationValue must be finite, got " + activationValue);
            }
            details = Map.copyOf(Objects.requireNonNull(details, "details"));
        }

        /** This value with one more detail. */
        public Value withDetail(String name, double figure) {
            Objects.requireNonNull(name, "name");
            var copy = new java.util.LinkedHashMap<>(details);
            copy.put(name, figure);
            return new Value(value, activationValue, copy);
        }
    }

    /**
     * A failed measurement of one metric.
     *
     * @param message what failed and why; never a secret
     */
    record Failure(String message) implements Reading {
        public Failure {
            Objects.requireNonNull(message, "message");
        }
    }
}
