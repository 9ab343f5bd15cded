package dev.scalerhost.plugin.kafka;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * When each partition's log end offset reached which value, as seen by this source's refreshes and
 * by broker timestamps looked up for older offsets. Shared by every binding of the source.
 *
 * <p>Per partition the history maps an offset to the first and the last time the log end was seen
 * at it. It keeps at most {@link #MAX_POINTS} points: when full, every other point of the older half
 * is dropped, so the history reaches back to the first sample with a resolution that coarsens with
 * age. A partition not refreshed for {@link #FORGET_AFTER_MILLIS} is forgotten.
 */
final class EndOffsetHistory {

    static final int MAX_POINTS = 256;
    static final long FORGET_AFTER_MILLIS = 3_600_000;

    /**
     * The log end was {@code offset} from {@code firstMillis} until at least {@code lastMillis}.
     * {@code lookedUp}: known only from broker timestamps, not seen by a refresh.
     */
    record Point(long offset, long firstMillis, long lastMillis, boolean lookedUp) {
    }

    private static final class Partition {
        final NavigableMap<Long, Point> points = new TreeMap<>();
        long recordedMillis;
    }

    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /** Records the log end offsets of one refresh. */
    void record(long nowMillis, Map<TopicPartition, Long> ends) {
        ends.forEach((partition, end) -> {
            Partition history = partitions.computeIfAbsent(partition, p -> new Partition());
            history.recordedMillis = nowMillis;
            add(history, end, nowMillis, nowMillis, false);
        });
        partitions.values().removeIf(p -> nowMillis - p.recordedMillis > FORGET_AFTER_MILLIS);
    }

    /**
     * Records a look-up of broker timestamps: the first record with a timestamp at or after
     * {@code lookedUpMillis} is at {@code offset}, with timestamp {@code timestampMillis}; so every
     * earlier record is older than the look-up time, and the log end was {@code offset} from then
     * until that record's timestamp.
     */
    void recordLookUp(TopicPartition partition, long offset, long lookedUpMillis, long timestampMillis) {
        Partition history = partitions.get(partition);
        if (history != null && offset >= 0 && lookedUpMillis >= 0) {
            add(history, offset, lookedUpMillis, Math.max(lookedUpMillis, timestampMillis), true);
        }
    }

    private static void add(Partition history, long offset, long firstMillis, long lastMillis, boolean lookedUp) {
        Point old = history.points.get(offset);
        Point point = old == null ? new Point(offset, firstMillis, lastMillis, lookedUp)
                : new Point(offset, Math.min(old.firstMillis(), firstMillis), Math.max(old.lastMillis(), lastMillis),
                        old.lookedUp() && lookedUp);
        history.points.put(offset, point);
        if (history.points.size() > MAX_POINTS) {
            thin(history.points);
        }
    }

    private static void thin(NavigableMap<Long, Point> points) {
        int older = points.size() / 2;
        Iterator<Long> offsets = points.keySet().iterator();
        for (int i = 0; i < older && offsets.hasNext(); i++) {
            offsets.next();
            if (i % 2 == 1) {
                offsets.remove();
            }
        }
    }

    /** The lowest offset the history knows a time for, or empty. */
    Point oldest(TopicPartition partition) {
        Partition history = partitions.get(partition);
        return history == null || history.points.isEmpty() ? null : history.points.firstEntry().getValue();
    }

    /** The highest offset the history knows, or null. */
    Point newest(TopicPartition partition) {
        Partition history = partitions.get(partition);
        return history == null || history.points.isEmpty() ? null : history.points.lastEntry().getValue();
    }

    /** The point at or below {@code offset}, or null. */
    Point atOrBelow(TopicPartition partition, long offset) {
        Partition history = partitions.get(partition);
        var entry = history == null ? null : history.points.floorEntry(offset);
        return entry == null ? null : entry.getValue();
    }

    /** The first point above {@code offset}, or null. */
    Point above(TopicPartition partition, long offset) {
        Partition history = partitions.get(partition);
        var entry = history == null ? null : history.points.higherEntry(offset);
        return entry == null ? null : entry.getValue();
    }
}
