package dev.scalerhost.host.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidateOnlyOptionTest {

    @Test
    void checkTakesValidateOnly() {
        assertThat(CommandLine.parse(List.of("check", "--validate-only", "--config", "a.yaml"), Optional.empty())
                .validateOnly()).isTrue();
        assertThat(CommandLine.parse(List.of("check", "--config", "a.yaml"), Optional.empty()).validateOnly()).isFalse();
    }

    @Test
    void validateOnlyWithAnotherCommandIsAUsageError() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("run", "--validate-only", "-c", "a.yaml"), Optional.empty()))
                .isInstanceOf(CommandLine.UsageException.class)
                .hasMessage("--validate-only goes with check: scalerhost check --validate-only --config FILE");
    }
}
