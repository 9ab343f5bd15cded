package dev.scalerhost.host.plugin;

import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SourceMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;

/** A {@link SourceContext} for plugin tests: no metrics, the system clock, no scheduler. */
record TestSourceContext(String sourceName) implements SourceContext {

    @Override
    public String loggerName() {
        return "scalerhost.source." + sourceName;
    }

    @Override
    public SourceMetrics metrics() {
        return new SourceMetrics() {
            @Override
            public void count(String name, long delta, String... labels) {
            }

            @Override
            public void time(String name, Duration duration, String... labels) {
            }

            @Override
            public void gauge(String name, DoubleSupplier value, String... labels) {
            }
        };
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public ScheduledExecutorService scheduler() {
        throw new UnsupportedOperationException("plugin tests give sources no scheduler");
    }
}
