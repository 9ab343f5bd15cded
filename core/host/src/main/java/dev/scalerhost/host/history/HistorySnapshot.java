package dev.scalerhost.host.history;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A serviceType's recorded outcomes, oldest first.
 *
 * @param serviceType      the serviceType
 * @param resolutionMillis the width of one slot: outcomes closer together than this share a slot,
 *                         the later one kept
 * @param failingSince     when the current run of failures began (the engine clock's millis), or
 *                         {@link #NEVER} if the last outcome was a good value
 * @param detailNames      the names of the detail series, in the order they first appeared
 * @param points           the outcomes
 */
public record HistorySnapshot(String serviceType, long resolutionMillis, long failingSince, List<String> detailNames,
        List<Point> points) {

    public static final long NEVER = Long.MIN_VALUE;

    public HistorySnapshot {
        Objects.requireNonNull(serviceType, "serviceType");
        detailNames = List.copyOf(detailNames);
        points = List.copyOf(points);
    }

    /**
     * One outcome.
     *
     * @param atMillis when it was measured, to the second
     * @param value    the value, or null for a failed measurement
     * @param target   the target configured then
     * @param active   whether the value was above activation
     * @param error    why the measurement failed, or null
     * @param details  the source's figures of a good value
     */
    public record Point(long atMillis, Double value, double target, boolean active, String error,
            Map<String, Double> details) {

        public Point {
            details = Map.copyOf(details);
        }

        /** What KEDA's HPA asks for with an AverageValue target: ceil(value / target); null without a value. */
        public Integer replicas() {
            return value == null ? null : Replicas.averageValue(value, target);
        }
    }
}
