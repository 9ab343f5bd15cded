package dev.scalerhost.host.engine;

import dev.scalerhost.spi.Reading;

/**
 * What is known of one serviceType at one moment; replaced whole, never mutated. Times are
 * {@link java.time.Clock#millis()} of the engine's clock, {@link #NEVER} when unknown.
 *
 * @param good          the last good value, or null
 * @param goodAtMillis  when it was measured
 * @param error         the last attempt's failure, or null if the last attempt succeeded
 * @param errorAtMillis when that failure happened
 * @param attemptMillis when the last measurement including this serviceType started
 */
record Sample(Reading.Value good, long goodAtMillis, String error, long errorAtMillis, long attemptMillis) {

    static final long NEVER = Long.MIN_VALUE;
    static final Sample EMPTY = new Sample(null, NEVER, null, NEVER, NEVER);

    Sample attempted(long now) {
        return new Sample(good, goodAtMillis, error, errorAtMillis, now);
    }

    Sample succeeded(Reading.Value value, long now) {
        return new Sample(value, now, null, NEVER, attemptMillis);
    }

    Sample failed(String cause, long now) {
        return new Sample(good, goodAtMillis, cause, now, attemptMillis);
    }
}
