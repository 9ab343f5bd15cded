package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * What a binding accepts as its value, explicit rather than a silent zero: an empty result is an
 * error unless {@code emptyAs} is set, several series are an error unless {@code aggregate} is set,
 * and NaN or an infinity is always an error.
 *
 * @param aggregate how several series combine, or {@code null} to require exactly one
 * @param emptyAs   the value of an empty result, or empty to fail on it
 */
record ValuePolicy(Aggregate aggregate, OptionalDouble emptyAs) {

    private static final int SERIES_SHOWN = 3;

    /** Reads {@code aggregate} and {@code emptyAs} from a binding. */
    static ValuePolicy read(Settings params) {
        Aggregate aggregate = params.has("aggregate")
                ? Aggregate.of(params.oneOf("aggregate", "max", Aggregate.NAMES))
                : null;
        OptionalDouble emptyAs = params.has("emptyAs")
                ? OptionalDouble.of(params.number("emptyAs", 0))
                : OptionalDouble.empty();
        return new ValuePolicy(aggregate, emptyAs);
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
            if (!Double.isFinite(one.value())) {
                return Reading.failure(what + " returned " + format(one.value()) + " for series "
                        + one.labelText() + "; a scaling metric must be a finite number");
            }
        }
        if (series.size() == 1) {
            return Reading.of(series.get(0).value());
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
