package dev.scalerhost.it.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** The starts of one variant in the start-up benchmark: wall-clock time to ready and the CPU time it took. */
final class StartSeries {

    /** One start: seconds from launch to ready, and the CPU seconds the process had used by then. */
    record Start(double seconds, double cpuSeconds) {
    }

    private final List<Start> starts = new ArrayList<>();

    void add(Start start) {
        starts.add(start);
    }

    /** The latest start, e.g. {@code 1.234 s (0.98 s CPU)}. */
    String last() {
        Start start = starts.get(starts.size() - 1);
        return String.format(Locale.ROOT, "%.3f s (%.2f s CPU)", start.seconds(), start.cpuSeconds());
    }

    double median() {
        return median(starts.stream().map(Start::seconds).toList());
    }

    double min() {
        return starts.stream().mapToDouble(Start::seconds).min().orElseThrow();
    }

    double cpuMedian() {
        return median(starts.stream().map(Start::cpuSeconds).toList());
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
