package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.metrics.HostMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the engine's composite serviceTypes, parts before the composites that use them. */
final class Composites {

    private Composites() {
    }

    /**
     * The composites among {@code serviceTypes}, each after the composites it uses.
     *
     * @throws IllegalArgumentException if a composite names a part that is not among {@code serviceTypes},
     *                                  or composites form a cycle (the config binder reports both first)
     */
    static List<ServiceTypeConfig> inOrder(List<PreparedServiceType> serviceTypes) {
        Set<String> known = new HashSet<>();
        List<ServiceTypeConfig> pending = new ArrayList<>();
        for (PreparedServiceType prepared : serviceTypes) {
            if (prepared.config().isComposite()) {
                pending.add(prepared.config());
            } else {
                known.add(prepared.config().serviceType());
            }
        }
        List<ServiceTypeConfig> ordered = new ArrayList<>(pending.size());
        while (!pending.isEmpty()) {
            List<ServiceTypeConfig> ready = pending.stream()
                    .filter(config -> known.containsAll(config.composite().parts().keySet())).toList();
            if (ready.isEmpty()) {
                throw new IllegalArgumentException("composite serviceTypes "
                        + pending.stream().map(ServiceTypeConfig::serviceType).toList()
                        + " name parts that are not configured, or form a cycle");
            }
            ready.forEach(config -> known.add(config.serviceType()));
            ordered.addAll(ready);
            pending.removeAll(ready);
        }
        return ordered;
    }

    /**
     * The state of every composite of {@code ordered} (from {@link #inOrder}), by serviceType.
     *
     * @param measured the measured serviceTypes' states, by serviceType
     */
    static Map<String, CompositeState> wire(List<ServiceTypeConfig> ordered, Map<String, ServiceTypeState> measured,
            Clock clock, HostMetrics metrics, MeasurementObserver observer) {
        Map<String, ServiceTypeState> known = new LinkedHashMap<>(measured);
        Map<String, CompositeState> built = new LinkedHashMap<>();
        for (ServiceTypeConfig config : ordered) {
            List<CompositeState.Part> parts = new ArrayList<>();
            config.composite().parts().forEach((part, weight) -> parts.add(new CompositeState.Part(known.get(part), weight)));
            CompositeState state = new CompositeState(config, parts, clock, metrics, observer);
            known.put(config.serviceType(), state);
            built.put(config.serviceType(), state);
        }
        return built;
    }
}
