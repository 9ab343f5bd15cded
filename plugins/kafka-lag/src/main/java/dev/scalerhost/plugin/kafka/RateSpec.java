package dev.scalerhost.plugin.kafka;

import dev.scalerhost.spi.Settings;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * A binding's keys for time and rate figures: which figure is sent to KEDA and what the replicas
 * figure assumes. The figures themselves are computed whatever {@code metric} is chosen, so that
 * {@code /status} can show them before a user switches.
 *
 * @param metric         what the binding's value is
 * @param drainWithin    how soon the backlog should be gone, for the replicas figure
 * @param ratePerReplica records per second one consumer processes, until capacity is learned; empty if not given
 * @param rateWindow     over how long the arrival and consume rates are measured
 */
record RateSpec(Kind metric, Duration drainWithin, OptionalDouble ratePerReplica, Duration rateWindow) {

    /** What a kafka-lag binding sends to KEDA. */
    enum Kind {
        /** Records behind (KEDA's meaning, the default). */
        LAG,
        /** Seconds since the oldest unconsumed record was produced, the slowest partition's. */
        LAG_SECONDS,
        /** Consumers needed to keep up and drain the backlog within {@code drainWithin}. */
        REPLICAS;

        static Kind of(String word) {
            return switch (word) {
                case "lagSeconds" -> LAG_SECONDS;
                case "replicas" -> REPLICAS;
                default -> LAG;
            };
        }
    }

    /** Used for the replicas figure in {@code /status} when the binding's metric is not {@code replicas}. */
    static final Duration DEFAULT_DRAIN_WITHIN = Duration.ofMinutes(2);
    static final Duration DEFAULT_RATE_WINDOW = Duration.ofSeconds(30);

    RateSpec {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(drainWithin, "drainWithin");
        Objects.requireNonNull(ratePerReplica, "ratePerReplica");
        Objects.requireNonNull(rateWindow, "rateWindow");
    }

    /**
     * Reads the keys, reporting every problem on {@code params}.
     *
     * @return the spec, or {@code null} if there were problems
     */
    static RateSpec read(Settings params) {
        String word = params.oneOf("metric", "lag", "lag", "lagSeconds", "replicas");
        Kind kind = word == null ? null : Kind.of(word);
        boolean replicas = kind == Kind.REPLICAS;
        if (replicas && params.has("target") && params.number("target", 1) != 1) {
            params.problem("target", "must be 1 with metric: replicas (the value already is the replica count, "
                    + "and the HPA's AverageValue arithmetic divides it by the target), got "
                    + plain(params.number("target", 1)));
        }
        Duration drain = params.duration("drainWithin", null);
        if (!params.has("drainWithin") && replicas) {
            params.problem("drainWithin", "required with metric: replicas: how soon a backlog should be gone, e.g. 2m");
        } else if (drain != null && (drain.isNegative() || drain.isZero())) {
            params.problem("drainWithin", "must be greater than 0, e.g. 2m");
        }
        OptionalDouble rate = params.has("ratePerReplica")
                ? OptionalDouble.of(params.positiveNumber("ratePerReplica", 1)) : OptionalDouble.empty();
        if (replicas && rate.isEmpty()) {
            params.problem("ratePerReplica", "required with metric: replicas: about how many records per second one "
                    + "consumer processes; used until the capacity is learned from the group itself");
        }
        Duration window = params.duration("rateWindow", DEFAULT_RATE_WINDOW);
        if (window != null && (window.compareTo(Duration.ofSeconds(1)) < 0 || window.compareTo(Duration.ofHours(1)) > 0)) {
            params.problem("rateWindow", "must be between 1s and 1h, e.g. 30s");
        }
        if (params.hasProblems() || kind == null) {
            return null;
        }
        return new RateSpec(kind, drain == null ? DEFAULT_DRAIN_WITHIN : drain, rate, window);
    }

    /** E.g. {@code lag in seconds}, for describe(). */
    String describe() {
        return switch (metric) {
            case LAG -> "lag";
            case LAG_SECONDS -> "lag in seconds";
            case REPLICAS -> "replicas to drain within " + drainWithin.toSeconds() + "s";
        };
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }
}
