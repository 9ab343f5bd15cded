package dev.scalerhost.host.engine;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A controllable plugin: values per metric, failures, delays and hangs; counts its calls. */
public final class FakeSource implements MetricSource {

    /** A metric of this source, named like its serviceType. */
    public record FakeMetric(String name) implements Metric {
        @Override
        public String describe() {
            return "fake metric " + name;
        }
    }

    private final Map<String, Reading> readings = new ConcurrentHashMap<>();
    private final List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String failure;
    private volatile CountDownLatch gate;
    private volatile Duration delay = Duration.ZERO;

    public FakeSource set(String name, double value) {
        readings.put(name, Reading.of(value));
        return this;
    }

    public FakeSource set(String name, Reading reading) {
        readings.put(name, reading);
        return this;
    }

    /** The metric gets no entry in the result map. */
    public FakeSource omit(String name) {
        readings.remove(name);
        return this;
    }

    /** Every call throws with {@code message} until {@link #recover()}. */
    public FakeSource failWith(String message) {
        failure = message;
        return this;
    }

    public FakeSource recover() {
        failure = null;
        return this;
    }

    public FakeSource delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    /** Calls block until the returned latch is counted down. */
    public CountDownLatch hang() {
        CountDownLatch latch = new CountDownLatch(1);
        gate = latch;
        return latch;
    }

    public void release(CountDownLatch latch) {
        gate = null;
        latch.countDown();
    }

    public int calls() {
        return calls.get();
    }

    public int maxConcurrentCalls() {
        return maxRunning.get();
    }

    public List<List<String>> batches() {
        synchronized (batches) {
            return List.copyOf(batches);
        }
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public Metric prepare(Settings params) {
        throw new UnsupportedOperationException("tests build FakeMetric directly");
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) throws Exception {
        calls.incrementAndGet();
        maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
        try {
            batches.add(metrics.stream().map(metric -> ((FakeMetric) metric).name()).sorted().toList());
            CountDownLatch latch = gate;
            if (latch != null) {
                latch.await();
            }
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            String message = failure;
            if (message != null) {
                throw new IllegalStateException(message);
            }
            Map<Metric, Reading> result = new HashMap<>();
            for (Metric metric : metrics) {
                Reading reading = readings.get(((FakeMetric) metric).name());
                if (reading != null) {
                    result.put(metric, reading);
                }
            }
            return result;
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public String describe() {
        return "fake";
    }

    @Override
    public void close() {
        closed.set(true);
    }
}
