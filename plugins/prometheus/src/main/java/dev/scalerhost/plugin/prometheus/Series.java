package dev.scalerhost.plugin.prometheus;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One sample: a label set and its value, from a Prometheus query result or a scraped endpoint.
 *
 * @param labels the labels, sorted by name (the metric name is not among them)
 * @param value  the value; may be NaN or infinite, which the {@link ValuePolicy} rejects
 */
record Series(Map<String, String> labels, double value) {

    Series {
        labels = new TreeMap<>(Objects.requireNonNull(labels, "labels"));
    }

    /** The label set as PromQL writes it, e.g. {@code {instance="a",job="b"}}. */
    String labelText() {
        return labels.entrySet().stream()
                .map(label -> label.getKey() + "=\"" + label.getValue().replace("\\", "\\\\")
                        .replace("\"", "\\\"").replace("\n", "\\n") + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }
}
