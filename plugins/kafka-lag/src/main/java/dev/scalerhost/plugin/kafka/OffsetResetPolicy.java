package dev.scalerhost.plugin.kafka;

/** What a partition without a committed offset counts as, KEDA's {@code offsetResetPolicy}. */
enum OffsetResetPolicy {
    /** Lag 1: the consumer would start at the end, but the partition still needs a consumer. */
    LATEST,
    /** Every message still in the partition: log end minus log start. */
    EARLIEST;

    static OffsetResetPolicy of(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
