package dev.scalerhost.host.config;

import java.time.Duration;

/** Reads a binding's {@code window: {duration, aggregate}}, checking it against the binding's refresh interval. */
final class WindowBinder {

    static final String KEY = "window";

    private WindowBinder() {
    }

    /** The window of {@code host}, or null if it has none or it has problems (which are reported). */
    static WindowSpec bind(NodeSettings host, Timing timing) {
        if (!host.has(KEY)) {
            host.declare(KEY);
            return null;
        }
        NodeSettings window = host.sectionNode(KEY);
        if (window == null) {
            return null;
        }
        Duration duration = window.duration("duration", null);
        String aggregate = window.oneOf("aggregate", "avg", "avg", "max", "min");
        window.reportUnknownKeys();
        if (!window.has("duration")) {
            window.problem("duration", "required: how far back the measurements count, e.g. 2m");
            return null;
        }
        if (duration == null || aggregate == null || window.hasProblems()) {
            return null;
        }
        if (timing != null && duration.compareTo(timing.refreshInterval()) < 0) {
            window.problem("duration", "must be at least the refreshInterval (" + TimingBinder.format(timing.refreshInterval())
                    + "): a shorter window holds only the latest measurement");
            return null;
        }
        if (duration.compareTo(TimingBinder.MAX) > 0) {
            window.problem("duration", "must be at most " + TimingBinder.format(TimingBinder.MAX));
            return null;
        }
        return new WindowSpec(duration, WindowSpec.Aggregate.valueOf(aggregate.toUpperCase(java.util.Locale.ROOT)));
    }
}
