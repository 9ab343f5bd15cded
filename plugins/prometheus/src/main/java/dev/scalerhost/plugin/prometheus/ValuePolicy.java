package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * What a binding accepts as its value, explicit rather than a silent zero: an empty result is an
 * error unless {@code emptyAs} is set, several series are an error unless {@code aggregate} is set,
 * and NaN or an infinity is an error. KEDA's {@code ignoreNullValues: true}, where a binding gives it,
 * means what it means to KEDA: an empty result, NaN and an infinity are all 0.
 *
 * @param aggregate        how several series combine, or {@code null} to require exactly one
 * @param emptyAs          the value of an empty result, or empty to fail on it
 * @param ignoreNullValues KEDA's meaning: an empty result, NaN and ±Inf count as 0
 */
record ValuePolicy(Aggregate aggregate, OptionalDouble emptyAs, boolean ignoreNullValues) {

    private static final int SERIES_SHOWN = 3;

    /** Reads {@code aggregate} and {@code emptyAs} from a binding. */
    static ValuePolicy read(Settings params) {
        return read(params, false);
    }

    /**
     * Reads {@code aggregate} and {@code emptyAs}, and with {@code kedaKeys} also KEDA's
     * {@code ignoreNullValues}. Every key is read even when absent, so that each counts as known.
     */
    static ValuePolicy read(Settings params, boolean kedaKeys) {
        boolean aggregated = params.has("aggregate");
        String aggregateName = params.oneOf("aggregate", "max", Aggregate.NAMES);
        boolean hasEmptyAs = params.has("emptyAs");
        double emptyValue = params.number("emptyAs", 0);
        boolean ignoreNull = false;
        if (kedaKeys) {
            ignoreNull = params.bool("ignoreNullValues", false);
            if (params.has("ignoreNullValues") && hasEmptyAs) {
                params.problem("ignoreNullValues", "and emptyAs both say what an empty result is: give only one "
                        + "(emptyAs: 0 is ignoreNullValues: true without also turning NaN and infinities into 0)");
            }
        }
        return new ValuePolicy(aggregated ? Aggregate.of(aggregateName) : null,
                hasEmptyAs ? OptionalDouble.of(emptyValue) : ignoreNull ? OptionalDouble.of(0) : OptionalDouble.empty(),
                ignoreNull);
    }

    /** Whether an empty result has a value here rather than being an error. */
    boolean valuesEmptyResult() {
        return emptyAs.isPresent();
    }

    /**
     * The reading for {@code series}, the samples that {@code what} selected.
     *
     * @param what      names the query or selector in messages, e.g. {@code query 'up'}
     * @param whyEmpty  follows {@code what} when there is no series, e.g. {@code returned no series}
     */
    Reading apply(List<Series> series, String what, String whyEmpty) {
        if (series.isEmpty()) {
            if (emptyAs.isPresent()) {
                return Reading.of(emptyAs.getAsDouble());
            }
            return Reading.failure(what + " " + whyEmpty + "; set emptyAs: to give an empty result a value");
        }
        for (Series one : series) {
            if (!Double.isFinite(one.value()) && !(ignoreNullValues && series.size() == 1)) {
                return Reading.failure(what + " returned " + format(one.value()) + " for series "
                        + one.labelText() + "; a scaling metric must be a finite number");
            }
        }
        if (series.size() == 1) {
            double value = series.get(0).value();
            return Reading.of(Double.isFinite(value) ? value : 0);
        }
        if (aggregate == null) {
            return Reading.failure(what + " returned " + series.size() + " series (" + sample(series)
                    + "); narrow it to one series or set aggregate: max|min|sum|avg");
        }
        double value = aggregate.apply(series.stream().map(Series::value).toList());
        return Reading.of(value).withDetail("series", series.size());
    }

    private static String sample(List<Series> series) {
        String shown = series.stream().limit(SERIES_SHOWN).map(Series::labelText).collect(Collectors.joining(", "));
        return series.size() > SERIES_SHOWN ? shown + ", ..." : shown;
    }

    private static String format(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        return value > 0 ? "+Inf" : "-Inf";
    }
}
