package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Settings;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A prepared {@code type: metrics-endpoint} binding: the samples of one name whose labels match,
 * like the PromQL selector {@code name{a="x",b=~"y.*"}}. A label the sample lacks counts as empty.
 *
 * @param metric   the sample name, e.g. {@code pipeline_backpressure_state} or {@code requests_total}
 * @param labels   labels that must equal the given value
 * @param patterns labels whose value must fully match the given regular expression
 * @param policy   how an empty, multi-series or non-finite selection is treated
 */
record SampleSelector(String metric, Map<String, String> labels, Map<String, Pattern> patterns, ValuePolicy policy)
        implements Metric {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    SampleSelector {
        Objects.requireNonNull(metric, "metric");
        labels = Map.copyOf(new TreeMap<>(labels));
        patterns = Map.copyOf(new TreeMap<>(patterns));
        Objects.requireNonNull(policy, "policy");
    }

    /** Reads {@code metric}, {@code labels}, {@code labelsRegex}, {@code aggregate} and {@code emptyAs}. */
    static SampleSelector read(Settings params) {
        String metric = params.string("metric");
        if (metric != null && !METRIC_NAME.matcher(metric).matches()) {
            params.problem("metric", "'" + metric + "' is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        Map<String, String> labels = params.stringMap("labels");
        Map<String, Pattern> patterns = new TreeMap<>();
        params.stringMap("labelsRegex").forEach((label, regex) -> {
            try {
                patterns.put(label, Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                params.problem("labelsRegex", "the pattern for label '" + label + "' is invalid: " + e.getDescription());
            }
        });
        labels.keySet().stream().filter(patterns::containsKey).forEach(label ->
                params.problem("labelsRegex", "label '" + label + "' is also in labels; match it in one of them"));
        ValuePolicy policy = ValuePolicy.read(params);
        return params.hasProblems() ? null : new SampleSelector(metric, labels, patterns, policy);
    }

    /** The series of {@code samples} (those of this metric name) that match. */
    List<Series> select(List<Series> samples) {
        return samples.stream().filter(this::matches).toList();
    }

    private boolean matches(Series series) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (!series.labels().getOrDefault(label.getKey(), "").equals(label.getValue())) {
                return false;
            }
        }
        for (Map.Entry<String, Pattern> label : patterns.entrySet()) {
            if (!label.getValue().matcher(series.labels().getOrDefault(label.getKey(), "")).matches()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        String matchers = Stream.concat(
                        labels.entrySet().stream().map(label -> label.getKey() + "=\"" + label.getValue() + "\""),
                        patterns.entrySet().stream().map(label -> label.getKey() + "=~\"" + label.getValue() + "\""))
                .collect(Collectors.joining(","));
        return matchers.isEmpty() ? metric : metric + "{" + matchers + "}";
    }
}
