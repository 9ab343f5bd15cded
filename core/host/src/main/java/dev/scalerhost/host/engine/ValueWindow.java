package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.WindowSpec;
import dev.scalerhost.spi.Reading;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A serviceType's {@code window}: the aggregate (avg, max or min) of its own good measurements of the
 * last {@code duration}, sent in place of the latest one. Nothing is measured for it: it only keeps
 * what the serviceType measured anyway. Activation stays on the latest measurement, so that waking from
 * zero never waits for a window to fill; KEDA's cooldownPeriod already smooths going back to zero.
 *
 * <p>Used only by the serviceType's writer (see {@link MeasuredState}), so it needs no locking.
 */
final class ValueWindow {

    private record Point(long millis, double value) {
    }

    private final WindowSpec spec;
    private final Deque<Point> points = new ArrayDeque<>();

    ValueWindow(WindowSpec spec) {
        this.spec = spec;
    }

    /** The reading to serve after measuring {@code latest} at {@code now}. */
    Reading.Value add(Reading.Value latest, long now) {
        points.addLast(new Point(now, latest.value()));
        long oldest = now - spec.duration().toMillis();
        while (points.size() > 1 && points.peekFirst().millis() < oldest) {
            points.pollFirst();
        }
        double aggregate = switch (spec.aggregate()) {
            case AVG -> points.stream().mapToDouble(Point::value).average().orElseThrow();
            case MAX -> points.stream().mapToDouble(Point::value).max().orElseThrow();
            case MIN -> points.stream().mapToDouble(Point::value).min().orElseThrow();
        };
        return new Reading.Value(aggregate, latest.activationValue(), latest.details())
                .withDetail("latestValue", latest.value())
                .withDetail("windowMeasurements", points.size());
    }
}
