package dev.scalerhost.host.http;

import dev.scalerhost.host.status.SourceStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether the host should receive traffic, as the wiring learns it during start and stop.
 *
 * <p>The host is ready when every {@link Condition} has been {@linkplain #set met}, it is not
 * shutting down, and, when {@code requireHealthySources} is set, no source's last measurement
 * failed. A sidecar leaves that last setting off: its readiness is its pod's, and a backend outage
 * must not take the workload out of its Service. {@link #health} always counts sources.
 * Thread-safe; conditions may be set from any thread.
 */
public final class Readiness {

    /** The start-up steps that must be done before the host is ready. */
    public enum Condition {
        CONFIG_LOADED("configuration not loaded"),
        SOURCES_OPENED("sources not opened"),
        PORTS_OPEN("gRPC port not open");

        private final String unmetReason;

        Condition(String unmetReason) {
            this.unmetReason = unmetReason;
        }
    }

    private final boolean requireHealthySources;
    private final Map<Condition, Boolean> met = new ConcurrentHashMap<>();
    private volatile boolean shuttingDown;

    public Readiness(boolean requireHealthySources) {
        this.requireHealthySources = requireHealthySources;
    }

    public void set(Condition condition, boolean isMet) {
        met.put(Objects.requireNonNull(condition, "condition"), isMet);
    }

    /** From now on the host is unready for good, so that load balancers stop sending before the drain. */
    public void shuttingDown() {
        shuttingDown = true;
    }

    /** What {@code /readyz} answers: failing sources count only if the setting says so. */
    public ReadinessReport readiness(List<SourceStatus> sources) {
        return evaluate(sources, requireHealthySources);
    }

    /** What {@code /healthz} answers: ready, and every source's last measurement succeeded. */
    public ReadinessReport health(List<SourceStatus> sources) {
        return evaluate(sources, true);
    }

    private ReadinessReport evaluate(List<SourceStatus> sources, boolean countSources) {
        Objects.requireNonNull(sources, "sources");
        List<String> reasons = new ArrayList<>();
        if (shuttingDown) {
            reasons.add("shutting down");
        }
        for (Condition condition : Condition.values()) {
            if (!met.getOrDefault(condition, false)) {
                reasons.add(condition.unmetReason);
            }
        }
        if (countSources) {
            for (SourceStatus source : sources) {
                if (source.lastError() != null) {
                    reasons.add("source " + source.name() + " failing: " + source.lastError());
                }
            }
        }
        return new ReadinessReport(reasons);
    }
}
