package dev.scalerhost.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A point in time after which the host no longer waits for an answer, on the monotonic clock.
 */
public final class Deadline {

    private final long deadlineNanos;

    private Deadline(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** A deadline {@code timeout} from now. */
    public static Deadline after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return new Deadline(System.nanoTime() + saturatedNanos(timeout));
    }

    /** The earlier of this deadline and {@code other}. */
    public Deadline min(Deadline other) {
        Objects.requireNonNull(other, "other");
        return deadlineNanos - other.deadlineNanos <= 0 ? this : other;
    }

    /** The time left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
    }

    /** The time left in milliseconds, never negative. */
    public long remainingMillis() {
        return remaining().toMillis();
    }

    /** Whether the deadline has passed. */
    public boolean isExpired() {
        return deadlineNanos - System.nanoTime() <= 0;
    }

    private static long saturatedNanos(Duration timeout) {
        try {
            return timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }

    @Override
    public String toString() {
        return "Deadline[remaining=" + remaining() + "]";
    }
}
