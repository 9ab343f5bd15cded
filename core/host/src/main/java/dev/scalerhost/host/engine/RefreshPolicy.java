package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.Timing;
import dev.scalerhost.spi.Reading;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;

/**
 * The refresh semantics of a measured serviceType, in one place: when it is measured again, how long
 * its last good value is served, and how long a caller without one waits. Times are the engine
 * clock's milliseconds; {@link Sample#NEVER} is "not yet".
 *
 * <ul>
 *   <li>Due: never attempted, or a {@code refreshInterval} has passed since the last attempt
 *       <em>started</em> (a failed or still running attempt counts, so a failing backend is asked
 *       once per interval, not at every call).</li>
 *   <li>Usable: the last good value while it is at most {@code maxStaleness} old, failures or not;
 *       after that there is no value, never a stale one nor a zero.</li>
 *   <li>A caller without a usable value waits at most min(its budget, {@code timeout}).</li>
 *   <li>The engine looks for due serviceTypes every quarter of the shortest refresh interval,
 *       within [{@value #MIN_TICK_MILLIS} ms, {@value #MAX_TICK_MILLIS} ms].</li>
 * </ul>
 */
final class RefreshPolicy {

    static final long MIN_TICK_MILLIS = 10;
    static final long MAX_TICK_MILLIS = 1000;

    private final long refreshMillis;
    private final long maxStalenessMillis;
    private final Duration timeout;

    RefreshPolicy(Timing timing) {
        Objects.requireNonNull(timing, "timing");
        this.refreshMillis = timing.refreshInterval().toMillis();
        this.maxStalenessMillis = timing.maxStaleness().toMillis();
        this.timeout = timing.timeout();
    }

    /** Whether a measurement is due at {@code now}, given what {@code sample} knows. */
    boolean isDue(Sample sample, long now) {
        long attempt = sample.attemptMillis();
        return attempt == Sample.NEVER || now - attempt >= refreshMillis;
    }

    /** The value to serve at {@code now}: the last good one if it is not older than maxStaleness, else null. */
    Reading.Value usable(Sample sample, long now) {
        return sample.good() != null && now - sample.goodAtMillis() <= maxStalenessMillis ? sample.good() : null;
    }

    /** How long, in nanoseconds, a caller with {@code callerBudget} waits for a measurement; 0 or less: not at all. */
    long waitNanos(Duration callerBudget) {
        return Math.min(nanos(callerBudget), timeout.toNanos());
    }

    /** The longest a measurement may take before its callers stop waiting. */
    Duration timeout() {
        return timeout;
    }

    /** How often the engine looks for due serviceTypes, given every measured one's timing. */
    static long tickMillis(Collection<Timing> timings) {
        long shortest = timings.stream().mapToLong(timing -> timing.refreshInterval().toMillis()).min()
                .orElse(Long.MAX_VALUE);
        return Math.max(MIN_TICK_MILLIS, Math.min(MAX_TICK_MILLIS, shortest / 4));
    }

    private static long nanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException huge) {
            return Long.MAX_VALUE;
        }
    }
}
