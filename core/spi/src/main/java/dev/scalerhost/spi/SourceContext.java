package dev.scalerhost.spi;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the host offers a source instance.
 */
public interface SourceContext {

    /** The instance name, the key under {@code sources:}. */
    String sourceName();

    /** The SLF4J logger name to use for this instance, e.g. {@code scalerhost.source.kafka}. */
    String loggerName();

    /** Metrics this source publishes on the host's {@code /metrics}, labelled with the source name. */
    SourceMetrics metrics();

    /** The host's clock; use it rather than the system clock so tests can control time. */
    Clock clock();

    /**
     * A scheduler shared by all sources, for occasional background work (e.g. a slow metadata
     * refresh). Do not block in it for long and do not shut it down.
     */
    ScheduledExecutorService scheduler();
}
