package dev.scalerhost.host.metrics;

/** One series of a histogram, looked up once and kept by the code that observes. */
@FunctionalInterface
public interface Distribution {

    void observe(double value);

    /** For a histogram in seconds: records a duration measured with {@link System#nanoTime()}. */
    default void observeNanos(long nanos) {
        observe(nanos / 1e9);
    }
}
