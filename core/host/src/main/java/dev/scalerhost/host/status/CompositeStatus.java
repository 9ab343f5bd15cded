package dev.scalerhost.host.status;

import java.util.List;
import java.util.Objects;

/**
 * What {@code /status} shows of a composite serviceType's parts.
 *
 * @param operator {@code max} or {@code sum}
 * @param parts    the parts in configuration order
 */
public record CompositeStatus(String operator, List<Part> parts) {

    /**
     * One part.
     *
     * @param serviceType   the part's serviceType
     * @param weight        what its value is multiplied by
     * @param value         its last good value, or null if none yet
     * @param weightedValue {@code weight × value}, or null if none yet
     * @param usable        whether its value is usable now (measured and not older than its maxStaleness)
     */
    public record Part(String serviceType, double weight, Double value, Double weightedValue, boolean usable) {
        public Part {
            Objects.requireNonNull(serviceType, "serviceType");
        }
    }

    public CompositeStatus {
        Objects.requireNonNull(operator, "operator");
        parts = List.copyOf(parts);
    }
}
