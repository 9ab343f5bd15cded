package dev.scalerhost.host.runtime;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the SPI's promise of one measurement at a time per source while a configuration reload
 * hands an unchanged source from the old engine to the new one, and both may measure it for a
 * moment. Uncontended otherwise. {@link #close()} does not wait for the lock: closing is what ends a
 * measurement hanging past its deadline.
 */
final class SerialMetricSource implements MetricSource {

    private static final Duration PREPARE_WAIT = Duration.ofSeconds(5);

    private final MetricSource delegate;
    private final ReentrantLock measuring = new ReentrantLock();

    SerialMetricSource(MetricSource delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /**
     * Also exclusive: on a reload, an unchanged source prepares the new file's serviceTypes while it
     * measures for the running ones, and plugins may keep what {@code prepare} builds for
     * {@code measure}.
     */
    @Override
    public Metric prepare(Settings params) {
        return prepare(params, () -> { });
    }

    /** As {@link #prepare(Settings)}; runs {@code notCalled} if the plugin was not called because the source is busy. */
    Metric prepare(Settings params, Runnable notCalled) {
        boolean locked;
        try {
            locked = measuring.tryLock(PREPARE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            locked = false;
        }
        if (!locked) {
            params.problem(null, "the source is busy with a measurement that did not end within "
                    + PREPARE_WAIT.toSeconds() + " s; load the configuration again once the backend answers");
            notCalled.run();
            return null;
        }
        try {
            return delegate.prepare(params);
        } finally {
            measuring.unlock();
        }
    }

    /**
     * Whether a measurement holds this source and does not end within {@code wait}: a reload asks
     * before it prepares serviceTypes on it.
     */
    boolean busyFor(Duration wait) {
        try {
            if (measuring.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS)) {
                measuring.unlock();
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) throws Exception {
        // Waits no longer than the caller would: behind a call that never returns, each later one
        // gives up at its deadline instead of holding a thread.
        if (!measuring.tryLock(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)) {
            throw new TimeoutException("the source's previous measurement has not returned yet");
        }
        try {
            return delegate.measure(metrics, deadline);
        } finally {
            measuring.unlock();
        }
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() throws Exception {
        delegate.close();
    }
}
