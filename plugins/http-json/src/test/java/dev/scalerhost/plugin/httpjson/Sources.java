package dev.scalerhost.plugin.httpjson;

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
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Opens http-json sources the way the host does, with its real settings and context, for tests. */
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
    static MetricSource open(String name, Map<String, ?> keys) throws Exception {
        NodeSettings settings = TestSettings.fromMap("sources." + name, keys);
        MetricSource source = new HttpJsonSourceProvider().open(settings, context(name));
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

    /** The problems that opening a source with {@code keys} reports; the source must not open. */
    static List<String> openProblems(Map<String, ?> keys) throws Exception {
        NodeSettings settings = TestSettings.fromMap("sources.s", keys);
        assertThat(new HttpJsonSourceProvider().open(settings, context("s"))).isNull();
        settings.reportUnknownKeys();
        return problems(settings);
    }

    /** The problems that preparing {@code params} on {@code source} reports; there must be no metric. */
    static List<String> prepareProblems(MetricSource source, Map<String, ?> params) {
        NodeSettings settings = TestSettings.fromMap("serviceTypes.t", params);
        assertThat(source.prepare(settings)).isNull();
        settings.reportUnknownKeys();
        return problems(settings);
    }

    static HostSourceContext context(String name) {
        return HostSourceContext.of(name, METRICS, Clock.systemUTC(), SCHEDULER);
    }

    static List<String> problems(NodeSettings settings) {
        return settings.problems().list().stream().map(ConfigProblem::render).toList();
    }

    static Map<Metric, Reading> measure(MetricSource source, Metric... metrics) throws Exception {
        return source.measure(List.of(metrics), Deadline.after(Duration.ofSeconds(5)));
    }

    static Reading measureOne(MetricSource source, Metric metric) throws Exception {
        return measure(source, metric).get(metric);
    }

    static double value(Reading reading) {
        assertThat(reading).isInstanceOf(Reading.Value.class);
        return ((Reading.Value) reading).value();
    }

    static String failure(Reading reading) {
        assertThat(reading).isInstanceOf(Reading.Failure.class);
        return ((Reading.Failure) reading).message();
    }

    static long counter(String name, String source, String... labels) {
        String[] all = new String[labels.length + 2];
        all[0] = "source";
        all[1] = source;
        System.arraycopy(labels, 0, all, 2, labels.length);
        Double count = MetricsSamples.of(METRICS).value("scalerhost_source_" + name, all);
        return count == null ? 0 : count.longValue();
    }
}
