package dev.scalerhost.host.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One serviceType's recent measurements in a fixed number of slots: one slot per time bucket, the
 * last outcome in a bucket replacing the earlier ones, the oldest slot overwritten when full. Columns
 * of primitives rather than objects, so a slot costs about 20 bytes plus 4 per detail series.
 *
 * <p>One writer (the serviceType's measurement thread) and occasional readers (HTTP), so a plain
 * monitor is enough; nothing here is on the path of a KEDA call.
 */
final class SeriesRing {

    /** Detail series kept per serviceType; a plugin reporting more has the later ones left out. */
    static final int MAX_DETAILS = 16;
    /** Characters of an error message kept per slot; a message equal to the slot before shares its text. */
    static final int MAX_ERROR_CHARS = 200;

    private static final byte ACTIVE = 1;
    private static final byte FAILED = 2;

    private final int capacity;
    private final long bucketMillis;
    private final long baseSeconds;
    private final int[] seconds;
    private final double[] values;
    private final float[] targets;
    private final byte[] flags;
    private String[] errors;
    private final Map<String, float[]> details = new LinkedHashMap<>();
    private int next;
    private int size;
    private long lastBucket = Long.MIN_VALUE;
    private String lastError;
    private long failingSince = HistorySnapshot.NEVER;

    SeriesRing(int capacity, long bucketMillis, long nowMillis) {
        this.capacity = capacity;
        this.bucketMillis = bucketMillis;
        this.baseSeconds = Math.floorDiv(nowMillis, 1000);
        this.seconds = new int[capacity];
        this.values = new double[capacity];
        this.targets = new float[capacity];
        this.flags = new byte[capacity];
    }

    synchronized void value(long atMillis, double value, double target, boolean active, Map<String, Double> figures) {
        int slot = slot(atMillis);
        values[slot] = value;
        targets[slot] = (float) target;
        flags[slot] = active ? ACTIVE : 0;
        if (errors != null) {
            errors[slot] = null;
        }
        for (Map.Entry<String, Double> figure : figures.entrySet()) {
            if (!details.containsKey(figure.getKey()) && details.size() < MAX_DETAILS) {
                float[] column = new float[capacity];
                Arrays.fill(column, Float.NaN);
                details.put(figure.getKey(), column);
            }
        }
        details.forEach((name, column) -> {
            Double figure = figures.get(name);
            column[slot] = figure == null ? Float.NaN : figure.floatValue();
        });
        failingSince = HistorySnapshot.NEVER;
    }

    synchronized void failure(long atMillis, double target, String cause) {
        int slot = slot(atMillis);
        values[slot] = Double.NaN;
        targets[slot] = (float) target;
        flags[slot] = FAILED;
        if (errors == null) {
            errors = new String[capacity];
        }
        String clipped = cause.length() > MAX_ERROR_CHARS ? cause.substring(0, MAX_ERROR_CHARS - 1) + "…" : cause;
        if (!clipped.equals(lastError)) {
            lastError = clipped;
        }
        errors[slot] = lastError;
        details.values().forEach(column -> column[slot] = Float.NaN);
        if (failingSince == HistorySnapshot.NEVER) {
            failingSince = atMillis;
        }
    }

    /** When the current run of failures began, or {@link HistorySnapshot#NEVER}. */
    synchronized long failingSince() {
        return failingSince;
    }

    /** The slots measured at or after {@code sinceMillis}, oldest first. */
    synchronized HistorySnapshot snapshot(String serviceType, long sinceMillis) {
        List<HistorySnapshot.Point> points = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int slot = Math.floorMod(next - size + i, capacity);
            long at = (baseSeconds + seconds[slot]) * 1000;
            if (at < sinceMillis) {
                continue;
            }
            boolean failed = (flags[slot] & FAILED) != 0;
            Map<String, Double> figures = new LinkedHashMap<>();
            if (!failed) {
                details.forEach((name, column) -> {
                    if (!Float.isNaN(column[slot])) {
                        figures.put(name, (double) column[slot]);
                    }
                });
            }
            points.add(new HistorySnapshot.Point(at, failed ? null : values[slot], targets[slot],
                    (flags[slot] & ACTIVE) != 0, failed ? errors[slot] : null, figures));
        }
        return new HistorySnapshot(serviceType, bucketMillis, failingSince, List.copyOf(details.keySet()), points);
    }

    /** Picks the slot for a new outcome: the last one if it is in the same bucket, else the next. */
    private int slot(long atMillis) {
        long bucket = Math.floorDiv(atMillis, bucketMillis);
        int slot;
        if (size > 0 && bucket == lastBucket) {
            slot = Math.floorMod(next - 1, capacity);
        } else {
            slot = next;
            next = (next + 1) % capacity;
            size = Math.min(capacity, size + 1);
            lastBucket = bucket;
        }
        seconds[slot] = (int) (Math.floorDiv(atMillis, 1000) - baseSeconds);
        return slot;
    }
}
