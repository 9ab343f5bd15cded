package dev.scalerhost.host.history;

/** The HPA's arithmetic for an external metric with an {@code AverageValue} target. */
public final class Replicas {

    private Replicas() {
    }

    /**
     * ceil(value / target), as the HPA computes desired replicas from KEDA's metric, before its
     * tolerance and the ScaledObject's min and max. A ratio within a millionth above a whole number
     * counts as that number, so that a float target does not add a replica.
     */
    public static int averageValue(double value, double target) {
        if (!(value > 0) || !(target > 0)) {
            return 0;
        }
        double ratio = value / target;
        double whole = Math.rint(ratio);
        if (Math.abs(ratio - whole) <= 1e-6 * Math.max(1, whole)) {
            ratio = whole;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.ceil(ratio));
    }
}
