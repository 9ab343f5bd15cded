package dev.scalerhost.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** Measuring a loaded config's bindings in one batch, as the host's engine does. */
public final class Measure {

    private Measure() {
    }

    /** Measures every binding of {@code source} in one batch; serviceType to reading. */
    public static Map<String, Reading> all(LoadedConfig config, String source) throws Exception {
        MetricSource opened = config.source(source);
        Map<String, Metric> bindings = new LinkedHashMap<>();
        config.config().serviceTypes().values().stream().filter(b -> b.source().equals(source))
                .forEach(b -> bindings.put(b.serviceType(), config.metric(b.serviceType())));
        Map<Metric, Reading> readings = opened.measure(bindings.values(), Deadline.after(Duration.ofSeconds(5)));
        Map<String, Reading> byName = new LinkedHashMap<>();
        bindings.forEach((name, metric) -> byName.put(name, readings.get(metric)));
        return byName;
    }

    public static Map<Metric, Reading> batch(MetricSource source, Collection<Metric> metrics) throws Exception {
        return source.measure(metrics, Deadline.after(Duration.ofSeconds(5)));
    }

    public static double value(Reading reading) {
        assertThat(reading).isInstanceOf(Reading.Value.class);
        return ((Reading.Value) reading).value();
    }

    public static String failure(Reading reading) {
        assertThat(reading).isInstanceOf(Reading.Failure.class);
        return ((Reading.Failure) reading).message();
    }
}
