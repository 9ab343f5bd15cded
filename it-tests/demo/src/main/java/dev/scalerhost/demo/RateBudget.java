package dev.scalerhost.demo;

import java.time.Duration;

/**
 * Whole work items a rate allows, carried over between steps. A step accrues for the time that really
 * passed since the previous one, so a busy machine that runs the steps late does not slow the rates
 * down. At most one second's worth is banked, so an idle spell does not turn into a burst later.
 * Used by one thread at a time.
 */
final class RateBudget {

    private double available;
    private long lastNanos = -1;

    /** Adds what {@code perSecond} allows over the time since the previous call ({@code tick} on the first). */
    void accrue(double perSecond, Duration tick) {
        long now = System.nanoTime();
        long passed = lastNanos < 0 ? tick.toNanos() : now - lastNanos;
        lastNanos = now;
        double cap = Math.max(1, perSecond);
        available = Math.min(cap, available + perSecond * passed / 1e9);
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
