package dev.scalerhost.host.config;

import java.time.Duration;

/**
 * Reads {@code refreshInterval}, {@code timeout} and {@code maxStaleness} of a source or serviceType,
 * validating them before {@link Timing} sees them so that a bad combination is a problem, not an
 * exception.
 */
final class TimingBinder {

    /** Longer is surely a mistake, and would overflow nanosecond arithmetic downstream. */
    static final Duration MAX = Duration.ofDays(1);

    private TimingBinder() {
    }

    /**
     * The timing of {@code settings}, each key defaulting to {@code base}'s; {@code null} if any
     * problem was recorded.
     */
    static Timing bind(NodeSettings settings, Timing base, Problems problems) {
        return bind(settings, base, problems, false);
    }

    /**
     * As {@link #bind(NodeSettings, Timing, Problems)}; with {@code bareTimeoutMillis}, a bare number
     * under {@code timeout} is milliseconds, as KEDA's scalers read their {@code timeout} key.
     */
    static Timing bind(NodeSettings settings, Timing base, Problems problems, boolean bareTimeoutMillis) {
        String refreshKey = HostKeys.REFRESH_INTERVAL.name();
        String timeoutKey = HostKeys.TIMEOUT.name();
        String stalenessKey = HostKeys.MAX_STALENESS.name();
        Duration refresh = settings.duration(refreshKey, base.refreshInterval());
        Duration timeout = bareTimeoutMillis ? settings.durationOrMillis(timeoutKey, base.timeout())
                : settings.duration(timeoutKey, base.timeout());
        Duration staleness = settings.duration(stalenessKey, base.maxStaleness());
        if (HostKeys.TIMING.stream().anyMatch(key -> problems.anyAtOrBelow(settings.pathOf(key.name())))) {
            return null;
        }
        boolean valid = inRange(settings, refreshKey, refresh) & inRange(settings, timeoutKey, timeout)
                & inRange(settings, stalenessKey, staleness);
        if (valid && staleness.compareTo(refresh) < 0) {
            String key = settings.has(stalenessKey) ? stalenessKey : refreshKey;
            String values = settings.isSecret(stalenessKey) || settings.isSecret(refreshKey)
                    ? "" : " (" + format(staleness) + " < " + format(refresh) + ")";
            settings.problem(key, "maxStaleness must be at least refreshInterval" + values
                    + ": a value is refreshed only once per refreshInterval, so it would expire between refreshes");
            valid = false;
        }
        return valid ? new Timing(refresh, timeout, staleness) : null;
    }

    private static boolean inRange(NodeSettings settings, String key, Duration value) {
        if (value.isZero()) {
            settings.problem(key, "must be greater than 0");
            return false;
        }
        if (value.compareTo(MAX) > 0) {
            settings.problem(key, "must be at most " + format(MAX));
            return false;
        }
        return true;
    }

    /** {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 for anything else. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (!duration.equals(Duration.ofMillis(millis))) {
            return duration.toString();
        }
        if (millis % 3_600_000 == 0 && millis > 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0 && millis > 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
    }
}
