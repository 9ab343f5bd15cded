package dev.scalerhost.host.metrics;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The samples of one scrape of {@link HostMetrics}, checked against the text format, by name and labels. */
public final class MetricsSamples {

    private final Map<String, String> samples;

    private MetricsSamples(Map<String, String> samples) {
        this.samples = samples;
    }

    public static MetricsSamples of(HostMetrics metrics) {
        String text = text(metrics);
        return new MetricsSamples(text.isEmpty() ? Map.of() : PrometheusFormat.parse(text));
    }

    /** What {@code /metrics} would serve now. */
    public static String text(HostMetrics metrics) {
        return new String(new MetricsExposition(metrics).scrape(), StandardCharsets.UTF_8);
    }

    /**
     * A sample's name as the exposition writes it: labels (name, value pairs) sorted by name, {@code le}
     * last, values escaped.
     */
    public static String key(String name, String... labels) {
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < labels.length; i += 2) {
            pairs.add(new String[] {labels[i], labels[i + 1]});
        }
        pairs.sort(Comparator.comparing((String[] pair) -> pair[0].equals("le")).thenComparing(pair -> pair[0]));
        if (pairs.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name).append('{');
        for (String[] pair : pairs) {
            if (out.charAt(out.length() - 1) != '{') {
                out.append(',');
            }
            out.append(pair[0]).append("=\"").append(pair[1].replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\n", "\\n")).append('"');
        }
        return out.append('}').toString();
    }

    /** The value of one sample, or null if it is not exposed. */
    public Double value(String name, String... labels) {
        String value = samples.get(key(name, labels));
        return value == null ? null : Double.valueOf(value.replace("Inf", "Infinity"));
    }

    /** The sum of every sample named {@code name}, whatever its labels. */
    public double sum(String name) {
        return samples.entrySet().stream()
                .filter(e -> e.getKey().equals(name) || e.getKey().startsWith(name + "{"))
                .mapToDouble(e -> Double.parseDouble(e.getValue())).sum();
    }

    /** Every sample's value by its name and labels. */
    public Map<String, String> all() {
        return samples;
    }
}
