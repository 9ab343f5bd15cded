package dev.scalerhost.it.harness;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Reads samples out of the Prometheus text that the host serves on {@code /metrics}. */
public final class MetricsText {

    private final Map<String, Double> samples = new LinkedHashMap<>();

    private MetricsText(String text) {
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int split = line.lastIndexOf(' ');
            if (split > 0) {
                samples.put(line.substring(0, split).strip(), number(line.substring(split + 1)));
            }
        }
    }

    public static MetricsText parse(String text) {
        return new MetricsText(text);
    }

    /** The host's {@code /metrics} now. */
    public static MetricsText scrape(ScalerhostProcess host) {
        Http.Reply reply = host.http("/metrics");
        if (reply.status() != 200) {
            throw host.failure("/metrics answered " + reply.status());
        }
        return parse(reply.body());
    }

    /** The sample written exactly as {@code series}, e.g. {@code jvm_memory_used_bytes{area="heap"}}. */
    public Optional<Double> value(String series) {
        return Optional.ofNullable(samples.get(series));
    }

    /** The sum of every sample of {@code name} whose labels contain all of {@code labels} ({@code k="v"} each). */
    public double sum(String name, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String series = sample.getKey();
            if (!(series.equals(name) || series.startsWith(name + "{"))) {
                continue;
            }
            boolean all = true;
            for (String label : labels) {
                all &= series.contains(label);
            }
            if (all) {
                total += sample.getValue();
            }
        }
        return total;
    }

    /** The sum of every sample whose metric name ends with {@code suffix} and whose labels contain all of {@code labels}. */
    public double sumEndingWith(String suffix, String... labels) {
        double total = 0;
        for (Map.Entry<String, Double> sample : samples.entrySet()) {
            String series = sample.getKey();
            int brace = series.indexOf('{');
            String name = brace < 0 ? series : series.substring(0, brace);
            boolean all = name.endsWith(suffix);
            for (String label : labels) {
                all &= series.contains(label);
            }
            if (all) {
                total += sample.getValue();
            }
        }
        return total;
    }

    private static double number(String value) {
        return switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }
}
