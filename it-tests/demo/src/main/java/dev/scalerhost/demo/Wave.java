package dev.scalerhost.demo;

import java.time.Duration;

/**
 * The rhythm of one backlog: in the first half of every period work arrives in a swell
 * ({@code sin²}-shaped) while consumers work slowly; in the second half nothing arrives and consumers
 * work fast, drain the backlog by about three quarters of the period and then sit idle, so the
 * serviceType goes inactive before the next swell. The peak backlog is about {@code peakBacklog}.
 *
 * @param period      one swell, drain and idle spell
 * @param phase       where in the period this backlog starts, from 0 (a swell starts at once) to 1
 * @param peakBacklog the backlog at the top of the swell, e.g. target × the replicas to show
 */
record Wave(Duration period, double phase, double peakBacklog) {

    /** Consumers keep up with this share of the arrival peak while work arrives. */
    private static final double SLOW_SHARE = 0.1;
    /** Share of the period that the drain takes. */
    private static final double DRAIN_SHARE = 0.25;
    /**
     * A {@code sin²} swell over half a period delivers peak × period / 4; slow consumers take about a
     * fifth of that back, so the backlog tops out near peak × period / 5.
     */
    private static final double BACKLOG_PER_PEAK_SECOND = 0.2;

    Wave {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive, got " + period);
        }
        if (phase < 0 || phase >= 1) {
            throw new IllegalArgumentException("phase must be in [0, 1), got " + phase);
        }
        if (peakBacklog <= 0) {
            throw new IllegalArgumentException("peakBacklog must be positive, got " + peakBacklog);
        }
    }

    /**
     * The wave of backlog {@code index} of {@code count}: swells start staggered over the period (the
     * first at once), periods are 30, 40 or 50 s and peaks 2 to 5 times {@code target}, so the table
     * shows serviceTypes scaling up and down at different times and to different sizes.
     */
    static Wave staggered(int index, int count, double target) {
        if (index < 0 || index >= count) {
            throw new IllegalArgumentException("index " + index + " is not in [0, " + count + ")");
        }
        Duration period = Duration.ofSeconds(30 + 10L * (index % 3));
        return new Wave(period, (double) index / count, target * (2 + index % 4));
    }

    /** Items per second arriving {@code elapsed} after the workload started. */
    double arrivalRate(Duration elapsed) {
        double u = position(elapsed);
        if (u >= 0.5) {
            return 0;
        }
        double swell = Math.sin(2 * Math.PI * u);
        return peakArrival() * swell * swell;
    }

    /** Items per second consumers may take {@code elapsed} after the workload started. */
    double consumeRate(Duration elapsed) {
        return position(elapsed) < 0.5 ? SLOW_SHARE * peakArrival() : peakBacklog / (DRAIN_SHARE * seconds());
    }

    private double peakArrival() {
        return peakBacklog / (BACKLOG_PER_PEAK_SECOND * seconds());
    }

    private double position(Duration elapsed) {
        double u = elapsed.toMillis() / 1000.0 / seconds() + phase;
        return u - Math.floor(u);
    }

    private double seconds() {
        return period.toMillis() / 1000.0;
    }
}
