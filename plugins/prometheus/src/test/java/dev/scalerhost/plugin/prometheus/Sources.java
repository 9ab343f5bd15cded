package dev.scalerhost.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.MetricsSamples;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Opens sources the way the host does and measures them, for tests. */
final class Sources {

    static final HostMetrics METRICS = new HostMetrics();
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    private Sources() {
    }

    /** Opens a source; every key must be valid and read. */
    static MetricSource open(MetricSourceProvider provider, String name, Map<String, ?> keys) throws Exception {
        NodeSettings settings = TestSettings.fromMap("sources." + name, keys);
        MetricSource source = provider.open(settings, context(name));
        settings.reportUnknownKeys();
        assertThat(problems(settings)).isEmpty();
        assertThat(source).isNotNull();
        return source;
    }

    /** Prepares a binding; every key must be valid and read. */
    static Metric prepare(MetricSource source, Map<String, ?> params) {
        NodeSettings settings = TestSettings.fromMap("serviceTypes.test", params);
        Metric metric = source.prepare(settings);
        settings.reportUnknownKeys();
        assertThat(problems(settings)).isEmpty();
        return metric;
    }

    static HostSourceContext context(String name) {
        return HostSourceContext.of(name, METRICS, Clock.systemUTC(), SCHEDULER);
    }

    static List<String> problems(NodeSettings settings) {
        return settings.problems().list().stream().map(ConfigProblem::render).toList();
    }

    static Reading measure(MetricSource source, Metric metric) throws Exception {
        return source.measure(List.of(metric), Deadline.after(Duration.ofSeconds(5))).get(metric);
    }

    static double value(Reading reading) {
        assertThat(reading).isInstanceOf(Reading.Value.class);
        return ((Reading.Value) reading).value();
    }

    static String failure(Reading reading) {
        assertThat(reading).isInstanceOf(Reading.Failure.class);
        return ((Reading.Failure) reading).message();
    }

    /** Measures until the reading is the value {@code expected} (Prometheus scrapes every second). */
    static void awaitValue(MetricSource source, Metric metric, double expected) throws Exception {
        Reading reading = null;
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() - until < 0) {
            reading = measure(source, metric);
            if (reading instanceof Reading.Value value && value.value() == expected) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(reading).as(metric.describe()).isEqualTo(Reading.of(expected));
    }

    /** Measures until the reading is a failure, and returns its message. */
    static String awaitFailure(MetricSource source, Metric metric) throws Exception {
        Reading reading = null;
        long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() - until < 0) {
            reading = measure(source, metric);
            if (reading instanceof Reading.Failure failure) {
                return failure.message();
            }
            Thread.sleep(200);
        }
        return failure(reading);
    }

    static long counter(String name, String source, String... labels) {
        String[] all = new String[labels.length + 2];
        all[0] = "source";
        all[1] = source;
        System.arraycopy(labels, 0, all, 2, labels.length);
        Double count = MetricsSamples.of(METRICS).value("scalerhost_source_" + name, all);
        return count == null ? 0 : count.longValue();
    }

    static long timerCount(String name, String source) {
        Double count = MetricsSamples.of(METRICS).value("scalerhost_source_" + name + "_count", "source", source);
        return count == null ? 0 : count.longValue();
    }
}
