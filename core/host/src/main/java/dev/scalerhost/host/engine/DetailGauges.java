package dev.scalerhost.host.engine;

import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.Registration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The details of a serviceType's last good value (partitions, lag in seconds, arrival rate, replicas,
 * ...) as gauges {@code scalerhost_value_detail{service_type, detail}}, registered when a detail
 * first appears, so that {@code /metrics} shows what {@code /status} shows. A detail missing from
 * the latest value reads NaN.
 *
 * <p>Written only by the serviceType's writer; read by scrapes through the gauges.
 */
final class DetailGauges {

    private final HostMetrics metrics;
    private final String serviceType;
    private final Supplier<Map<String, Double>> latest;
    private final Map<String, Registration> registered = new LinkedHashMap<>();

    DetailGauges(HostMetrics metrics, String serviceType, Supplier<Map<String, Double>> latest) {
        this.metrics = metrics;
        this.serviceType = serviceType;
        this.latest = latest;
    }

    /** Registers gauges for details not seen before. */
    void update(Map<String, Double> details) {
        for (String detail : details.keySet()) {
            registered.computeIfAbsent(detail, name -> metrics.valueDetail(serviceType, name,
                    () -> latest.get().getOrDefault(name, Double.NaN)));
        }
    }

    void unregister() {
        registered.values().forEach(Registration::unregister);
    }
}
