package dev.scalerhost.host.engine;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.metrics.HostMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The engine's table of serviceTypes, built once from its configuration: the state that answers each
 * serviceType (names compare ignoring case) and the worker that measures it, one worker per source
 * with serviceTypes.
 */
final class ServiceTypeTable {

    /** A serviceType; {@code worker} measures it, or is null for a composite. */
    record Entry(ServiceTypeState state, SourceWorker worker) {
    }

    /** Makes the worker of one source, measuring {@code members}. */
    interface WorkerFactory {
        SourceWorker create(EngineSource source, List<MeasuredState> members);
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final List<SourceWorker> workers;
    private final List<Timing> measuredTimings = new ArrayList<>();

    /**
     * @throws IllegalArgumentException if a serviceType names a source that is not among {@code sources},
     *                                  a serviceType is bound twice, or composites name unknown parts
     */
    ServiceTypeTable(List<EngineSource> sources, List<PreparedServiceType> serviceTypes, Clock clock, HostMetrics metrics,
            MeasurementObserver observer, WorkerFactory workerFactory) {
        Map<String, EngineSource> byName = new LinkedHashMap<>();
        sources.forEach(source -> byName.put(source.name(), source));
        validate(byName, serviceTypes);
        List<ServiceTypeConfig> compositeOrder = Composites.inOrder(serviceTypes);
        Map<String, List<MeasuredState>> bySource = new LinkedHashMap<>();
        Map<String, ServiceTypeState> measured = new LinkedHashMap<>();
        for (PreparedServiceType prepared : serviceTypes) {
            ServiceTypeConfig config = prepared.config();
            if (config.isComposite()) {
                continue;
            }
            MeasuredState state = new MeasuredState(prepared, clock, metrics, observer);
            measured.put(state.serviceType(), state);
            bySource.computeIfAbsent(config.source(), name -> new ArrayList<>()).add(state);
            measuredTimings.add(config.timing());
        }
        Map<String, SourceWorker> workerBySource = new LinkedHashMap<>();
        bySource.forEach((source, members) -> workerBySource.put(source, workerFactory.create(byName.get(source), members)));
        this.workers = List.copyOf(workerBySource.values());
        Map<String, CompositeState> composites = Composites.wire(compositeOrder, measured, clock, metrics, observer);
        for (PreparedServiceType prepared : serviceTypes) {
            String serviceType = prepared.config().serviceType();
            ServiceTypeState state = prepared.config().isComposite() ? composites.get(serviceType) : measured.get(serviceType);
            entries.put(key(serviceType), new Entry(state, state instanceof MeasuredState measuredState
                    ? workerBySource.get(measuredState.sourceName()) : null));
        }
    }

    /** How many sources have serviceTypes of {@code serviceTypes}: the workers there will be. */
    static int measuredSources(List<PreparedServiceType> serviceTypes) {
        return (int) serviceTypes.stream().map(PreparedServiceType::config).filter(config -> !config.isComposite())
                .map(ServiceTypeConfig::source).distinct().count();
    }

    boolean contains(String serviceType) {
        return entries.containsKey(key(serviceType));
    }

    /**
     * The entry of {@code serviceType} (any case).
     *
     * @throws IllegalArgumentException if it is not measured here
     */
    Entry get(String serviceType) {
        Entry entry = entries.get(key(Objects.requireNonNull(serviceType, "serviceType")));
        if (entry == null) {
            throw new IllegalArgumentException("serviceType '" + SafeText.clip(serviceType, 64) + "' is not measured here");
        }
        return entry;
    }

    /** Every entry, in configuration order. */
    Collection<Entry> all() {
        return entries.values();
    }

    List<SourceWorker> workers() {
        return workers;
    }

    /** The timing of every measured (not composite) serviceType. */
    List<Timing> measuredTimings() {
        return measuredTimings;
    }

    private static void validate(Map<String, EngineSource> sources, List<PreparedServiceType> serviceTypes) {
        Set<String> seen = new HashSet<>();
        for (PreparedServiceType prepared : serviceTypes) {
            ServiceTypeConfig config = prepared.config();
            if (!config.isComposite() && !sources.containsKey(config.source())) {
                throw new IllegalArgumentException("serviceType '" + config.serviceType() + "' names source '"
                        + config.source() + "', which is not among the opened sources " + sources.keySet());
            }
            if (!seen.add(key(config.serviceType()))) {
                throw new IllegalArgumentException("serviceType '" + config.serviceType() + "' is bound twice");
            }
        }
    }

    private static String key(String serviceType) {
        return serviceType.toLowerCase(Locale.ROOT);
    }
}
