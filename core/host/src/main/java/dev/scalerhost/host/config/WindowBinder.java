package dev.scalerhost.host.config;

import java.time.Duration;

/** Reads a serviceType's {@code window: {duration, aggregate}}, checking it against the serviceType's refresh interval. */
final class WindowBinder {

    private static final String KEY = HostKeys.WINDOW.name();
    private static final String DURATION = HostKeys.WINDOW_DURATION.name();

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
        window.declareKeys(HostKeys.WINDOW.keys());
        Duration duration = window.duration(DURATION, null);
        String aggregate = window.oneOf(HostKeys.WINDOW_AGGREGATE.name(), HostKeys.WINDOW_AGGREGATE.defaultValue(),
                HostKeys.WINDOW_AGGREGATE.values().toArray(String[]::new));
        window.reportUnknownKeys();
        if (!window.has(DURATION)) {
            window.problem(DURATION, "required: how far back the measurements count, e.g. 2m");
            return null;
        }
        if (duration == null || aggregate == null || window.hasProblems()) {
            return null;
        }
        if (timing != null && duration.compareTo(timing.refreshInterval()) < 0) {
            window.problem(DURATION, "must be at least the refreshInterval (" + TimingBinder.format(timing.refreshInterval())
                    + "): a shorter window holds only the latest measurement");
            return null;
        }
        if (duration.compareTo(TimingBinder.MAX) > 0) {
            window.problem(DURATION, "must be at most " + TimingBinder.format(TimingBinder.MAX));
            return null;
        }
        return new WindowSpec(duration, WindowSpec.Aggregate.valueOf(aggregate.toUpperCase(java.util.Locale.ROOT)));
    }
}
