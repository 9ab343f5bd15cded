package dev.scalerhost.plugin.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** Opens sources and prepares bindings through the real provider, settings and host context. */
final class TestSources implements AutoCloseable {

    static final String SOURCE = "db";

    private final PostgresSourceProvider provider = new PostgresSourceProvider();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final HostMetrics hostMetrics = new HostMetrics();
    private final List<MetricSource> opened = new ArrayList<>();

    HostMetrics hostMetrics() {
        return hostMetrics;
    }

    /** Opens a source that must have no problems. */
    MetricSource open(Map<String, ?> keys) throws Exception {
        NodeSettings settings = TestSettings.fromMap("sources." + SOURCE, keys);
        MetricSource source = provider.open(settings,
                HostSourceContext.of(SOURCE, hostMetrics, Clock.systemUTC(), scheduler));
        assertThat(settings.problems().list()).isEmpty();
        assertThat(source).isNotNull();
        opened.add(source);
        return source;
    }

    /** The problems of opening a source with {@code keys}. */
    List<ConfigProblem> openProblems(Map<String, ?> keys) throws Exception {
        NodeSettings settings = TestSettings.fromMap("sources." + SOURCE, keys);
        MetricSource source = provider.open(settings,
                HostSourceContext.of(SOURCE, hostMetrics, Clock.systemUTC(), scheduler));
        if (source != null) {
            opened.add(source);
        }
        settings.reportUnknownKeys();
        return settings.problems().list();
    }

    /** Prepares a binding that must have no problems. */
    static Metric prepare(MetricSource source, String serviceType, Map<String, ?> keys) {
        NodeSettings params = TestSettings.fromMap("serviceTypes." + serviceType, keys);
        Metric metric = source.prepare(params);
        assertThat(params.problems().list()).isEmpty();
        assertThat(metric).isNotNull();
        return metric;
    }

    /** The problems of preparing a binding with {@code keys}, unknown keys included. */
    static List<ConfigProblem> prepareProblems(MetricSource source, Map<String, ?> keys) {
        NodeSettings params = TestSettings.fromMap("serviceTypes.svc", keys);
        Metric metric = source.prepare(params);
        assertThat(metric == null).as("null metric exactly when prepare reported problems")
                .isEqualTo(!params.problems().isEmpty());
        params.reportUnknownKeys();
        return params.problems().list();
    }

    static Map<Metric, Reading> measure(MetricSource source, Duration deadline, Metric... metrics) throws Exception {
        return source.measure(List.of(metrics), Deadline.after(deadline));
    }

    static Reading measureOne(MetricSource source, Metric metric) throws Exception {
        return measure(source, Duration.ofSeconds(10), metric).get(metric);
    }

    static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @Override
    public void close() throws Exception {
        for (MetricSource source : opened) {
            source.close();
        }
        scheduler.shutdownNow();
    }
}
