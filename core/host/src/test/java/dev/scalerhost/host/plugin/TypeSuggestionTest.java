package dev.scalerhost.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TypeSuggestionTest {

    private static final List<String> TYPES = List.of("kafka-lag", "postgres", "prometheus");

    @Test
    void suggestsTheNearestTypeForATypo() {
        assertThat(TypeSuggestion.nearest("kafak-lag", TYPES)).contains("kafka-lag");
        assertThat(TypeSuggestion.nearest("postgress", TYPES)).contains("postgres");
        assertThat(TypeSuggestion.nearest("Prometheus", TYPES)).contains("prometheus");
    }

    @Test
    void suggestsATypeThatStartsWithWhatWasWritten() {
        assertThat(TypeSuggestion.nearest("kafka", TYPES)).contains("kafka-lag");
    }

    @Test
    void suggestsNothingForAnUnrelatedName() {
        assertThat(TypeSuggestion.nearest("http-json", TYPES)).isEmpty();
        assertThat(TypeSuggestion.nearest("", TYPES)).isEmpty();
        assertThat(TypeSuggestion.nearest("kafka-lag", List.of())).isEmpty();
    }
}
