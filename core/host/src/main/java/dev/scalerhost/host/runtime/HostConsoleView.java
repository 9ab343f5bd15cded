package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.history.HistorySnapshot;
import dev.scalerhost.host.history.MeasurementHistory;
import dev.scalerhost.host.http.ConsoleView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The console's view of a running host: the served configuration's timings and the host's history. */
final class HostConsoleView implements ConsoleView {

    private final RunningHost host;
    private final MeasurementHistory history;

    HostConsoleView(RunningHost host, MeasurementHistory history) {
        this.host = Objects.requireNonNull(host, "host");
        this.history = Objects.requireNonNull(history, "history");
    }

    @Override
    public Map<String, Timing> timings() {
        Map<String, Timing> timings = new LinkedHashMap<>();
        for (ServiceTypeConfig config : host.generation().loaded().config().serviceTypes().values()) {
            timings.put(config.serviceType(), config.timing());
        }
        return timings;
    }

    @Override
    public Optional<HistorySnapshot> history(String serviceType) {
        return host.generation().loaded().config().serviceTypes().containsKey(serviceType)
                ? history.snapshot(serviceType) : Optional.empty();
    }

    @Override
    public long failingSince(String serviceType) {
        return history.failingSince(serviceType);
    }
}
