package dev.scalerhost.host.config;

import java.time.Duration;
import java.util.Objects;

/**
 * A serviceType's {@code window}: the value sent to KEDA is the aggregate of the serviceType's own
 * measurements over the last {@code duration}, not the latest one alone.
 *
 * @param duration  how far back measurements count, at least the refresh interval
 * @param aggregate how they are combined
 */
public record WindowSpec(Duration duration, Aggregate aggregate) {

    /** How the measurements of a window are combined. */
    public enum Aggregate {
        AVG, MAX, MIN;

        /** The config word: {@code avg}, {@code max}, {@code min}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public WindowSpec {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(aggregate, "aggregate");
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be > 0, got " + duration);
        }
    }
}
