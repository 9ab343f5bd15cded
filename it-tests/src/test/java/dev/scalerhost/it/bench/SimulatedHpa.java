package dev.scalerhost.it.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The HPA's arithmetic for one external metric, as KEDA feeds it: {@code AverageValue}
 * (desired = ceil(value / target)) or {@code Value} (desired = ceil(current × value / target)), no
 * change while the usage ratio is within the 10 % tolerance, scale-up limited as the default policy
 * does (to the larger of double and +4 per period; here per poll), scale-down to the highest
 * recommendation of the stabilization window, and min/max replicas.
 */
final class SimulatedHpa {

    static final double TOLERANCE = 0.1;

    enum MetricType { AVERAGE_VALUE, VALUE }

    private record Recommendation(long millis, int replicas) {
    }

    private final MetricType type;
    private final double target;
    private final int min;
    private final int max;
    private final long stabilizationMillis;
    private final Deque<Recommendation> recommendations = new ArrayDeque<>();

    /**
     * @param initial   the replica count the workload has when the run starts; it counts as the HPA's
     *                  recommendation at {@code startMillis}, as if it had held that count for a while,
     *                  so a run does not begin with a scale-down that a long-running HPA would not make
     */
    SimulatedHpa(MetricType type, double target, int min, int max, long stabilizationMillis, int initial,
                 long startMillis) {
        this.type = type;
        this.target = target;
        this.min = min;
        this.max = max;
        this.stabilizationMillis = stabilizationMillis;
        recommendations.add(new Recommendation(startMillis, initial));
    }

    /** The replica count the HPA sets after reading {@code value} with {@code current} replicas. */
    int decide(double value, int current, long nowMillis) {
        int replicas = Math.max(1, current);
        double ratio = type == MetricType.AVERAGE_VALUE ? value / (target * replicas) : value / target;
        int desired;
        if (Math.abs(ratio - 1) <= TOLERANCE) {
            desired = current;
        } else {
            desired = (int) Math.ceil(type == MetricType.AVERAGE_VALUE ? value / target : replicas * ratio);
        }
        desired = Math.max(min, Math.min(max, desired));
        recommendations.addLast(new Recommendation(nowMillis, desired));
        while (!recommendations.isEmpty() && recommendations.peekFirst().millis() < nowMillis - stabilizationMillis) {
            recommendations.pollFirst();
        }
        if (desired < current) {
            int stabilized = recommendations.stream().mapToInt(Recommendation::replicas).max().orElse(desired);
            return Math.min(current, stabilized);
        }
        return Math.min(desired, Math.max(current * 2, current + 4));
    }
}
