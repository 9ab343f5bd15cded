package dev.scalerhost.demo;

import java.time.Duration;

/**
 * Whole work items a rate allows, carried over between ticks. At most one second's worth is banked,
 * so an idle spell does not turn into a burst later. Used by one thread at a time.
 */
final class RateBudget {

    private double available;

    /** Adds what {@code perSecond} allows over {@code tick}. */
    void accrue(double perSecond, Duration tick) {
        double cap = Math.max(1, perSecond);
        available = Math.min(cap, available + perSecond * tick.toNanos() / 1e9);
    }

    /** Whole items banked so far (fractions do not count). */
    long available() {
        return (long) Math.floor(available);
    }

    /** Takes up to {@code max} whole items and returns how many it took. */
    long take(long max) {
        long taken = Math.min(max, available());
        available -= taken;
        return taken;
    }
}
