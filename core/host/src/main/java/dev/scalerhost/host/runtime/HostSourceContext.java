package dev.scalerhost.host.runtime;

import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SourceMetrics;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;

/** The host services one source instance gets. */
public record HostSourceContext(
        String sourceName, SourceMetrics metrics, Clock clock, ScheduledExecutorService scheduler)
        implements SourceContext {

    public HostSourceContext {
        Objects.requireNonNull(sourceName, "sourceName");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /** A context whose metrics go to {@code registry} under {@code source="<sourceName>"}. */
    public static HostSourceContext of(
            String sourceName, HostMetrics registry, Clock clock, ScheduledExecutorService scheduler) {
        return new HostSourceContext(sourceName, registry.forSource(sourceName), clock, scheduler);
    }

    @Override
    public String loggerName() {
        return "scalerhost.source." + sourceName;
    }
}
