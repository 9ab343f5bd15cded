package dev.scalerhost.host.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.WindowSpec;
import dev.scalerhost.spi.Reading;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueWindowTest {

    private static double[] run(WindowSpec.Aggregate aggregate, double... values) {
        ValueWindow window = new ValueWindow(new WindowSpec(Duration.ofSeconds(10), aggregate));
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = window.add(Reading.of(values[i]), i * 5_000L).value();
        }
        return out;
    }

    @Test
    void aggregatesTheMeasurementsOfTheWindowOnly() {
        // Points 5 s apart in a 10 s window: each answer covers the last three measurements.
        assertThat(run(WindowSpec.Aggregate.AVG, 3, 6, 9, 30)).containsExactly(3, 4.5, 6, 15);
        assertThat(run(WindowSpec.Aggregate.MAX, 3, 9, 6, 1, 1)).containsExactly(3, 9, 9, 9, 6);
        assertThat(run(WindowSpec.Aggregate.MIN, 3, 1, 6, 9, 9)).containsExactly(3, 1, 1, 1, 6);
    }

    @Test
    void keepsTheLatestValueForActivationAndShowsIt() {
        ValueWindow window = new ValueWindow(new WindowSpec(Duration.ofSeconds(10), WindowSpec.Aggregate.MIN));
        window.add(Reading.of(0), 0);
        Reading.Value served = window.add(Reading.of(50, 70).withDetail("lag", 70), 1_000);

        assertThat(served.value()).isZero();
        assertThat(served.activationValue()).isEqualTo(70);
        assertThat(served.details()).containsEntry("latestValue", 50.0).containsEntry("windowMeasurements", 2.0)
                .containsEntry("lag", 70.0);
    }
}
