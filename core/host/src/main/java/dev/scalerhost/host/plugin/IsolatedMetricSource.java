package dev.scalerhost.host.plugin;

import dev.scalerhost.host.secrets.Secrets;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's {@link MetricSource} as the host sees it: every call runs with the plugin's class
 * loader as the thread context class loader, and whatever the plugin throws comes back as a
 * {@link PluginException} that names the plugin (or, from {@link #prepare}, as a problem on the
 * serviceType's settings). Metrics handed out are {@link IsolatedMetric}s. Every text the plugin gives
 * (failure messages, descriptions) has each {@link Secrets secret} redacted here, where it enters
 * the host.
 */
final class IsolatedMetricSource implements MetricSource {

    private static final Logger LOG = LoggerFactory.getLogger(IsolatedMetricSource.class);

    private final MetricSource delegate;
    private final PluginInvoker invoker;
    private final AtomicBoolean describeFailureLogged = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    IsolatedMetricSource(MetricSource delegate, PluginInvoker invoker) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.invoker = Objects.requireNonNull(invoker, "invoker");
    }

    /**
     * Prepares a serviceType. A plugin that throws instead of reporting on {@code params} gets its
     * failure recorded as a problem of the whole serviceType.
     */
    @Override
    public Metric prepare(Settings params) {
        Objects.requireNonNull(params, "params");
        try {
            return invoker.call("prepare", () -> {
                Metric metric = delegate.prepare(params);
                return metric == null ? null : new IsolatedMetric(metric, Secrets.redact(metric.describe()));
            });
        } catch (PluginException e) {
            params.problem(null, e.getMessage() + "; this is a bug in the plugin, please report it");
            return null;
        }
    }

    /**
     * Measures metrics that {@link #prepare} returned. The result has an entry for each metric the
     * plugin answered; a metric without one counts as failed.
     *
     * @throws PluginException if the plugin threw or returned no map, or holds too many
     *                         {@linkplain PluginCalls abandoned calls} to be called again
     */
    @Override
    public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) throws PluginException {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(deadline, "deadline");
        List<IsolatedMetric> asked = new ArrayList<>(metrics.size());
        for (Metric metric : metrics) {
            if (!(metric instanceof IsolatedMetric isolated)) {
                throw new IllegalArgumentException("metric " + metric + " was not prepared by " + invoker.label());
            }
            asked.add(isolated);
        }
        int abandoned = PluginCalls.abandoned(invoker.plugin());
        if (abandoned >= PluginCalls.MAX_ABANDONED) {
            PluginCalls.refused(invoker.plugin());
            throw new PluginException(invoker.label() + " has " + abandoned + " calls that passed their deadline and "
                    + "never returned, each holding a thread; no new measurement is started until they return "
                    + "(a restart of the host ends them)", null);
        }
        long deadlineNanos = System.nanoTime() + deadline.remaining().toNanos();
        return invoker.call("measure", deadlineNanos, () -> {
            List<Metric> own = asked.stream().map(IsolatedMetric::delegate).toList();
            Map<Metric, Reading> answered = delegate.measure(own, deadline);
            if (answered == null) {
                throw new IllegalStateException("measure returned null instead of a map of readings");
            }
            Map<Metric, Reading> readings = new HashMap<>();
            for (IsolatedMetric metric : asked) {
                Reading reading = answered.get(metric.delegate());
                if (reading instanceof Reading.Failure failure) {
                    readings.put(metric, Reading.failure(Secrets.redact(failure.message())));
                } else if (reading != null) {
                    readings.put(metric, reading);
                }
            }
            return readings;
        });
    }

    /** The plugin's description of this instance, or {@code ""} if it fails (logged once). */
    @Override
    public String describe() {
        try {
            String description = invoker.call("describe", delegate::describe);
            return description == null ? "" : Secrets.redact(description);
        } catch (PluginException e) {
            if (describeFailureLogged.compareAndSet(false, true)) {
                LOG.warn("{}", e.getMessage(), e);
            }
            return "";
        }
    }

    /** Closes the plugin's instance once; later calls do nothing. */
    @Override
    public void close() throws PluginException {
        if (closed.compareAndSet(false, true)) {
            invoker.call("close", () -> {
                delegate.close();
                return null;
            });
        }
    }

    @Override
    public String toString() {
        return "IsolatedMetricSource[" + invoker.label() + "]";
    }
}
