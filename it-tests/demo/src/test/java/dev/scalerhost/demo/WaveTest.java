package dev.scalerhost.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WaveTest {

    /** Backlog over one period, stepped as the workload steps: arrivals minus what consumers may take. */
    private static double[] backlog(Wave wave) {
        int steps = (int) (wave.period().toMillis() / 50);
        double[] backlog = new double[steps];
        double current = 0;
        for (int i = 0; i < steps; i++) {
            Duration at = Duration.ofMillis(i * 50L);
            current = Math.max(0, current + (wave.arrivalRate(at) - wave.consumeRate(at)) * 0.05);
            backlog[i] = current;
        }
        return backlog;
    }

    @Test
    void backlogPeaksNearThePeakAndDrainsBeforeThePeriodEnds() {
        Wave wave = new Wave(Duration.ofSeconds(30), 0, 500);
        double[] backlog = backlog(wave);
        double peak = 0;
        for (double value : backlog) {
            peak = Math.max(peak, value);
        }
        assertThat(peak).isBetween(400.0, 600.0);
        // The last fifth of the period is idle: the serviceType goes inactive before the next swell.
        for (int i = backlog.length * 4 / 5; i < backlog.length; i++) {
            assertThat(backlog[i]).as("backlog at step %d", i).isZero();
        }
    }

    @Test
    void nothingArrivesInTheSecondHalfOfThePeriod() {
        Wave wave = new Wave(Duration.ofSeconds(40), 0, 100);
        assertThat(wave.arrivalRate(Duration.ofSeconds(10))).isPositive();
        assertThat(wave.arrivalRate(Duration.ofSeconds(25))).isZero();
        assertThat(wave.consumeRate(Duration.ofSeconds(25))).isGreaterThan(wave.consumeRate(Duration.ofSeconds(10)));
    }

    @Test
    void staggeredWavesStartTheFirstSwellAtOnceAndSpreadTheOthers() {
        Wave first = Wave.staggered(0, 4, 100);
        Wave third = Wave.staggered(2, 4, 100);
        assertThat(first.phase()).isZero();
        assertThat(first.period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(first.peakBacklog()).isEqualTo(200);
        assertThat(third.phase()).isEqualTo(0.5);
        assertThat(third.peakBacklog()).isEqualTo(400);
        assertThatThrownBy(() -> Wave.staggered(4, 4, 100)).hasMessageContaining("index 4");
    }
}
