package dev.scalerhost.spi;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * A source's view of the host's metrics registry. Names are lowercase with underscores, e.g.
 * {@code requests_total}; the host prefixes them with {@code scalerhost_source_} and adds the label
 * {@code source}. Labels are given as name, value pairs: {@code count("errors_total", 1, "code",
 * "NOT_COORDINATOR")}. Keep label values few (error codes, query names), never per request.
 */
public interface SourceMetrics {

    /** Adds {@code delta} to a counter. */
    void count(String name, long delta, String... labels);

    /** Records a duration in a timer (exposed as a histogram in seconds). */
    void time(String name, Duration duration, String... labels);

    /** Registers a gauge read when {@code /metrics} is scraped; registering a name again replaces it. */
    void gauge(String name, DoubleSupplier value, String... labels);
}
