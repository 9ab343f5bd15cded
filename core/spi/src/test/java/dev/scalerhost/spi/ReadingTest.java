package dev.scalerhost.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReadingTest {

    @Test
    void valueUsesTheSameFigureForActivationByDefault() {
        Reading.Value value = Reading.of(42.5);
        assertThat(value.value()).isEqualTo(42.5);
        assertThat(value.activationValue()).isEqualTo(42.5);
        assertThat(value.details()).isEmpty();
    }

    @Test
    void rejectsNonFiniteValuesSoThatNoNaNReachesKeda() {
        assertThatThrownBy(() -> Reading.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Reading.of(1, Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detailsAreCopiedNotShared() {
        Reading.Value base = Reading.of(3);
        Reading.Value more = base.withDetail("partitions", 8);
        assertThat(base.details()).isEmpty();
        assertThat(more.details()).containsEntry("partitions", 8.0);
    }

    @Test
    void deadlineInThePastIsExpiredWithNothingRemaining() {
        Deadline past = Deadline.after(Duration.ofMillis(-5));
        assertThat(past.isExpired()).isTrue();
        assertThat(past.remaining()).isZero();
        Deadline later = Deadline.after(Duration.ofHours(1));
        assertThat(later.min(past)).isSameAs(past);
        assertThat(Deadline.after(Duration.ofSeconds(Long.MAX_VALUE)).isExpired()).isFalse();
    }
}
