package dev.scalerhost.host.status;

import java.time.Instant;
import java.util.Map;

/**
 * What {@code /status} shows of one serviceType. Nullable fields are {@code null} when unknown.
 *
 * @param serviceType  the serviceType
 * @param source       its source's name; null for a composite
 * @param metric       what is measured ({@code Metric.describe()})
 * @param target       the HPA target
 * @param activation   the activation threshold
 * @param value        the last good value, or null if none yet
 * @param measuredAt   when the last good value was measured
 * @param active       whether the last good value is above activation
 * @param lastError    the last failure's message, or null if the last measurement succeeded
 * @param lastErrorAt  when that failure happened
 * @param details      the source's details of the last good value
 * @param composite    the parts of a composite serviceType; null for a measured one
 */
public record ServiceTypeStatus(
        String serviceType,
        String source,
        String metric,
        double target,
        double activation,
        Double value,
        Instant measuredAt,
        boolean active,
        String lastError,
        Instant lastErrorAt,
        Map<String, Double> details,
        CompositeStatus composite) {

    public ServiceTypeStatus {
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    /** A measured serviceType's status. */
    public ServiceTypeStatus(String serviceType, String source, String metric, double target, double activation,
            Double value, Instant measuredAt, boolean active, String lastError, Instant lastErrorAt,
            Map<String, Double> details) {
        this(serviceType, source, metric, target, activation, value, measuredAt, active, lastError, lastErrorAt,
                details, null);
    }
}
