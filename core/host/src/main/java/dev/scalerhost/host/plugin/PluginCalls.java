package dev.scalerhost.host.plugin;

import dev.scalerhost.host.metrics.HostMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every call into a plugin that has not returned yet, process-wide. A call the host has stopped
 * waiting for (past its deadline: a measurement that timed out, a {@code close()} past the shutdown
 * grace) and that still runs is <em>abandoned</em>: its thread is lost to the plugin until it
 * returns, since the JVM cannot stop it. Abandoned calls are counted per plugin in {@code /metrics},
 * and once a plugin holds {@value #MAX_ABANDONED} of them no further {@code measure} call is made
 * into it, so that a plugin that never returns cannot take one more thread per refresh or reload
 * without bound.
 */
public final class PluginCalls {

    /** Abandoned calls a plugin may hold before the host stops calling its {@code measure}. */
    public static final int MAX_ABANDONED = 4;
    /** A call counts as abandoned this long after its deadline, so that a call ending just late does not. */
    private static final long SLACK_NANOS = 1_000_000_000L;

    /** One call in flight; compared by identity. */
    static final class InFlight {
        private final String plugin;
        private final String label;
        private final String operation;
        private final String thread;
        private final long startedNanos;
        private final long deadlineNanos;

        InFlight(String plugin, String label, String operation, String thread, long startedNanos, long deadlineNanos) {
            this.plugin = plugin;
            this.label = label;
            this.operation = operation;
            this.thread = thread;
            this.startedNanos = startedNanos;
            this.deadlineNanos = deadlineNanos;
        }

        String plugin() {
            return plugin;
        }

        String label() {
            return label;
        }

        String operation() {
            return operation;
        }

        String thread() {
            return thread;
        }

        long startedNanos() {
            return startedNanos;
        }

        boolean abandoned(long now) {
            return now - deadlineNanos > SLACK_NANOS;
        }
    }

    private static final Set<InFlight> IN_FLIGHT = ConcurrentHashMap.newKeySet();
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();
    private static volatile HostMetrics metrics;

    private PluginCalls() {
    }

    /** Publishes the abandoned calls of every plugin in {@code registry} from now on. */
    public static void publishTo(HostMetrics registry) {
        metrics = Objects.requireNonNull(registry, "registry");
        REGISTERED.clear();
        IN_FLIGHT.forEach(call -> register(call.plugin()));
    }

    /** Records a call starting on this thread; close the result when it returns. */
    static InFlight begin(String plugin, String label, String operation, long deadlineNanos) {
        InFlight call = new InFlight(plugin, label, operation, Thread.currentThread().getName(), System.nanoTime(),
                deadlineNanos);
        IN_FLIGHT.add(call);
        register(plugin);
        OutOfMemoryNote.update();
        return call;
    }

    static void end(InFlight call) {
        IN_FLIGHT.remove(call);
        OutOfMemoryNote.update();
    }

    /** How many calls into {@code plugin} are abandoned now. */
    public static int abandoned(String plugin) {
        long now = System.nanoTime();
        int count = 0;
        for (InFlight call : IN_FLIGHT) {
            if (call.plugin().equals(plugin) && call.abandoned(now)) {
                count++;
            }
        }
        return count;
    }

    /** Counts a measurement not started because of {@link #MAX_ABANDONED}. */
    static void refused(String plugin) {
        HostMetrics registry = metrics;
        if (registry != null) {
            registry.pluginCallRefused(plugin).inc();
        }
    }

    /** The calls in flight on {@code thread}, e.g. one the host gave up waiting for. */
    public static List<String> describeOn(Thread thread) {
        List<String> calls = new ArrayList<>();
        for (InFlight call : IN_FLIGHT) {
            if (call.thread().equals(thread.getName())) {
                calls.add(call.operation() + " of " + call.label());
            }
        }
        return calls;
    }

    /**
     * The call that started last and is still running, e.g. {@code measure of plugin plugins/x (type x)
     * on thread scalerhost-measure-1}.
     */
    public static Optional<String> latest() {
        return IN_FLIGHT.stream().max(Comparator.comparingLong(InFlight::startedNanos))
                .map(call -> call.operation() + " of " + call.label() + " on thread " + call.thread());
    }

    private static void register(String plugin) {
        HostMetrics registry = metrics;
        if (registry != null && REGISTERED.add(plugin)) {
            registry.pluginCallsAbandoned(plugin, () -> abandoned(plugin));
            // Registered at 0, so that a rate over it exists before the first refusal.
            registry.pluginCallRefused(plugin);
        }
    }
}
