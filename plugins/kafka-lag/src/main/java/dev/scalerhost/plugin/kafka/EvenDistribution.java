package dev.scalerhost.plugin.kafka;

/**
 * KEDA's {@code ensureEvenDistributionOfPartitions}: the value asks for the smallest number of
 * replicas that both covers the lag ({@code replicas × target ≥ lag}) and divides the partitions
 * evenly (a divisor of the partition count), so no consumer owns more partitions than another.
 */
final class EvenDistribution {

    private EvenDistribution() {
    }

    /**
     * @return {@code replicas × target} for that number of replicas; 0 for no lag (KEDA answers one
     *         replica's worth there, see docs/keda-differences-kafka.md) or no partitions
     */
    static double value(double lag, int partitions, double target) {
        if (lag <= 0 || partitions <= 0) {
            return 0;
        }
        for (int replicas = 1; replicas < partitions; replicas++) {
            if (partitions % replicas == 0 && replicas * target >= lag) {
                return replicas * target;
            }
        }
        return partitions * target;
    }
}
