package dev.scalerhost.spi;

import java.util.Collection;
import java.util.Map;

/**
 * One configured source instance, shared by every serviceType bound to it.
 *
 * <p>Threading: {@link #prepare} is called on the host's startup thread. {@link #measure} is
 * called on a host worker thread, at most once at a time per source, so an implementation needs
 * no locking of its own for state kept between measurements. {@link #close} may be called while a
 * measurement is still running after its deadline has passed; it must make that measurement end.
 * The thread context class loader is the plugin's own during every call.
 */
public interface MetricSource extends AutoCloseable {

    /**
     * Validates and prepares one binding's parameters, once, at load time.
     *
     * <p>Problems are reported on {@code params} (typed accessors or {@link Settings#problem}), all
     * of them, not only the first. The returned object is the key the host passes back to
     * {@link #measure}; the host never looks inside it except through {@link Metric#describe()}.
     *
     * <p>{@code params} also exposes the host's {@code target} and {@code activation} (already
     * resolved from {@link MetricSourceProvider#bindingKeyAliases() aliases}) for plugins whose
     * measurement depends on them, such as a cap at partitions × target.
     *
     * @return the prepared metric, or {@code null} if the parameters had problems
     */
    Metric prepare(Settings params);

    /**
     * Measures a batch of prepared metrics in one go, e.g. one admin round trip or one grouped SQL
     * query for many serviceTypes.
     *
     * <p>Every metric of the batch should have an entry in the result: a {@link Reading.Value} or a
     * {@link Reading.Failure} that fails only that metric. A metric without an entry counts as failed.
     * Throwing fails the whole batch with the exception's message (keep it free of secrets).
     *
     * @param metrics  the metrics to measure, each one returned by {@link #prepare} on this source
     * @param deadline when the host stops waiting; work past it is wasted
     */
    Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) throws Exception;

    /**
     * A short description of the instance for {@code /status} and logs, e.g.
     * {@code "kafka-1:9092,kafka-2:9092"}. Never include a secret.
     */
    default String describe() {
        return "";
    }

    /** Releases connections and threads. Called once; must not throw for an instance already broken. */
    @Override
    void close() throws Exception;
}
