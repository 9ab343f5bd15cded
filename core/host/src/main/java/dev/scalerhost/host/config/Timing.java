package dev.scalerhost.host.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a serviceType is measured and how long its values stay usable.
 *
 * @param refreshInterval a serviceType is measured at most once per interval, however many callers
 * @param timeout         how long one measurement may take before callers stop waiting for it
 * @param maxStaleness    how long the last good value is served while measurements fail; after
 *                        that, callers get {@code UNAVAILABLE}
 */
public record Timing(Duration refreshInterval, Duration timeout, Duration maxStaleness) {

    public static final Timing DEFAULT =
            new Timing(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60));

    public Timing {
        Objects.requireNonNull(refreshInterval, "refreshInterval");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(maxStaleness, "maxStaleness");
        if (refreshInterval.isNegative() || refreshInterval.isZero()) {
            throw new IllegalArgumentException("refreshInterval must be > 0, got " + refreshInterval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be > 0, got " + timeout);
        }
        if (maxStaleness.compareTo(refreshInterval) < 0) {
            throw new IllegalArgumentException(
                    "maxStaleness (" + maxStaleness + ") must be >= refreshInterval (" + refreshInterval + ")");
        }
    }
}
