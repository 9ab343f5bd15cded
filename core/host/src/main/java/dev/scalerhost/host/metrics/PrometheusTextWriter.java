package dev.scalerhost.host.metrics;

import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Metric;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a Dropwizard registry in the Prometheus text exposition format 0.0.4.
 *
 * <p>Registry names follow {@link HostMetrics}: {@code family{label="value",...}} with the labels
 * already escaped. Counters (and {@link CumulativeGauge}s, meters) become counters named
 * {@code ..._total}; numeric and boolean gauges become gauges; timers become summaries in seconds
 * and histograms unitless summaries, each with quantiles 0.5, 0.9 and 0.99 plus {@code _sum} and
 * {@code _count}. Samples are grouped so that each family has one {@code # TYPE} line, preceded by
 * a {@code # HELP} line where the family was described. A metric
 * that cannot be shown (malformed labels, a non-numeric gauge, a family claimed by another type) is
 * left out and logged once.
 */
public final class PrometheusTextWriter {

    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusTextWriter.class);
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\"\\\\n])*\"";
    private static final Pattern LABELS = Pattern.compile("\\{" + LABEL + "(?:," + LABEL + ")*}");
    private static final double[] QUANTILES = {0.5, 0.9, 0.99};
    private static final double NANOS_PER_SECOND = 1e9;

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** Every metric of {@code metrics}, with its descriptions as {@code # HELP} lines. */
    public String write(HostMetrics metrics) {
        return write(metrics.registry(), metrics.descriptions());
    }

    /**
     * The whole registry as one exposition.
     *
     * @param help descriptions by family name; a counter's may be given without its {@code _total}
     */
    public String write(MetricRegistry registry, Map<String, String> help) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(help, "help");
        Map<String, Family> families = new TreeMap<>();
        registry.getMetrics().forEach((name, metric) -> add(families, name, metric));
        StringBuilder out = new StringBuilder(4096);
        families.forEach((name, family) -> {
            String text = help.getOrDefault(name, name.endsWith("_total")
                    ? help.get(name.substring(0, name.length() - "_total".length())) : null);
            if (text != null) {
                out.append("# HELP ").append(name).append(' ')
                        .append(text.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
            }
            out.append("# TYPE ").append(name).append(' ').append(family.type).append('\n');
            family.lines.forEach(out::append);
        });
        return out.toString();
    }

    private void add(Map<String, Family> families, String registryName, Metric metric) {
        int brace = registryName.indexOf('{');
        String base = sanitize(brace < 0 ? registryName : registryName.substring(0, brace));
        String labels = brace < 0 ? "" : registryName.substring(brace);
        if (!labels.isEmpty() && !LABELS.matcher(labels).matches()) {
            skip(registryName, "its labels are not of the form {name=\"escaped value\",...}");
            return;
        }
        if (metric instanceof Counter counter) {
            counter(families, registryName, base, labels, Long.toString(counter.getCount()));
        } else if (metric instanceof CumulativeGauge total) {
            counter(families, registryName, base, labels, number(total.getValue()));
        } else if (metric instanceof Meter meter) {
            counter(families, registryName, base, labels, Long.toString(meter.getCount()));
        } else if (metric instanceof Gauge<?> gauge) {
            gauge(families, registryName, base, labels, gauge);
        } else if (metric instanceof Timer timer) {
            summary(families, registryName, base, labels, timer.getSnapshot(), timer.getCount(),
                    NANOS_PER_SECOND, exactSumNanos(timer));
        } else if (metric instanceof Histogram histogram) {
            summary(families, registryName, base, labels, histogram.getSnapshot(), histogram.getCount(), 1, null);
        } else {
            skip(registryName, "its type " + metric.getClass().getName() + " has no Prometheus form");
        }
    }

    private void counter(Map<String, Family> families, String registryName, String base, String labels, String value) {
        String name = base.endsWith("_total") ? base : base + "_total";
        Family family = family(families, registryName, name, "counter");
        if (family != null) {
            family.lines.add(name + labels + ' ' + value + '\n');
        }
    }

    private void gauge(Map<String, Family> families, String registryName, String base, String labels, Gauge<?> gauge) {
        Object value = gauge.getValue();
        double number;
        if (value instanceof Number n) {
            number = n.doubleValue();
        } else if (value instanceof Boolean b) {
            number = b ? 1 : 0;
        } else {
            skip(registryName, "its value is " + (value == null ? "null" : "a " + value.getClass().getSimpleName())
                    + ", not a number");
            return;
        }
        Family family = family(families, registryName, base, "gauge");
        if (family != null) {
            family.lines.add(base + labels + ' ' + number(number) + '\n');
        }
    }

    private void summary(Map<String, Family> families, String registryName, String base, String labels,
                         Snapshot snapshot, long count, double unitsPerValue, Long exactSum) {
        Family family = family(families, registryName, base, "summary");
        if (family == null) {
            return;
        }
        String inner = labels.isEmpty() ? "" : labels.substring(1, labels.length() - 1) + ',';
        for (double q : QUANTILES) {
            family.lines.add(base + '{' + inner + "quantile=\"" + q + "\"} "
                    + number(snapshot.getValue(q) / unitsPerValue) + '\n');
        }
        // Only SummingTimer keeps an exact total; for others the sample mean is the best estimate.
        double sum = exactSum != null ? exactSum : snapshot.getMean() * count;
        family.lines.add(base + "_sum" + labels + ' ' + number(sum / unitsPerValue) + '\n');
        family.lines.add(base + "_count" + labels + ' ' + count + '\n');
    }

    private Family family(Map<String, Family> families, String registryName, String name, String type) {
        Family family = families.computeIfAbsent(name, n -> new Family(type));
        if (!family.type.equals(type)) {
            skip(registryName, "family " + name + " is already a " + family.type + ", this metric would be a " + type);
            return null;
        }
        return family;
    }

    private void skip(String registryName, String why) {
        if (reported.add(registryName)) {
            LOG.warn("Metric '{}' is left out of /metrics: {}", registryName, why);
        }
    }

    private static Long exactSumNanos(Timer timer) {
        return timer instanceof SummingTimer summing ? summing.sumNanos() : null;
    }

    /** Dropwizard names may contain dots and dashes; Prometheus names may not. */
    static String sanitize(String name) {
        String clean = name.replaceAll("[^a-zA-Z0-9_:]", "_");
        return clean.isEmpty() || Character.isDigit(clean.charAt(0)) ? '_' + clean : clean;
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static final class Family {
        final String type;
        final List<String> lines = new ArrayList<>();

        Family(String type) {
            this.type = type;
        }
    }
}
