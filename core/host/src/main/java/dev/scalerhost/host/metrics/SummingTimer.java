package dev.scalerhost.host.metrics;

import com.codahale.metrics.Clock;
import com.codahale.metrics.ExponentiallyDecayingReservoir;
import com.codahale.metrics.Histogram;
import com.codahale.metrics.Meter;
import com.codahale.metrics.Timer;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Dropwizard {@link Timer} that also keeps the exact total of every recorded duration.
 *
 * <p>A Prometheus summary's {@code _sum} must be a monotonic total; a Dropwizard reservoir only
 * holds a decaying sample, so the total is kept beside it. Every {@code Timer} entry point ends in
 * the histogram's {@code update}, which is where the total is added.
 */
public final class SummingTimer extends Timer {

    private final SummingHistogram histogram;

    public SummingTimer() {
        this(new SummingHistogram());
    }

    private SummingTimer(SummingHistogram histogram) {
        super(new Meter(), histogram, Clock.defaultClock());
        this.histogram = histogram;
    }

    /** The sum of every recorded duration, in nanoseconds. */
    public long sumNanos() {
        return histogram.sum.sum();
    }

    private static final class SummingHistogram extends Histogram {
        private final LongAdder sum = new LongAdder();

        SummingHistogram() {
            super(new ExponentiallyDecayingReservoir());
        }

        @Override
        public void update(long value) {
            super.update(value);
            sum.add(value);
        }
    }
}
