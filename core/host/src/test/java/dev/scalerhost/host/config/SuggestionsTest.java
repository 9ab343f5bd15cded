package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void countsEditsWithSwapsAsOne() {
        assertThat(Suggestions.distance("topic", "topic")).isZero();
        assertThat(Suggestions.distance("topc", "topic")).isEqualTo(1);
        assertThat(Suggestions.distance("prot", "port")).isEqualTo(1);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void suggestsTheNearestCloseCandidateIgnoringCase() {
        List<String> keys = List.of("server", "plugins", "sources", "serviceTypes");

        assertThat(Suggestions.nearest("serviceType", keys)).contains("serviceTypes");
        assertThat(Suggestions.nearest("Sources", keys)).contains("sources");
        assertThat(Suggestions.nearest("plugin", keys)).contains("plugins");
        assertThat(Suggestions.nearest("metrics", keys)).isEmpty();
        assertThat(Suggestions.nearest("ab", List.of("xy"))).isEmpty();
    }

    @Test
    void neverSuggestsTheWordItself() {
        assertThat(Suggestions.nearest("topic", List.of("topic"))).isEmpty();
        assertThat(Suggestions.didYouMean("topic", List.of("topic", "topics"))).isEqualTo(" (did you mean 'topics'?)");
    }

    @Test
    void suggestsPluginTypesForTyposAndAbbreviations() {
        List<String> types = List.of("kafka-lag", "postgres", "prometheus");
        assertThat(Suggestions.nearest("kafak-lag", types)).contains("kafka-lag");
        assertThat(Suggestions.nearest("postgress", types)).contains("postgres");
        assertThat(Suggestions.nearest("Prometheus", types)).contains("prometheus");
        assertThat(Suggestions.nearest("kafka", types)).contains("kafka-lag");
        assertThat(Suggestions.nearest("http-json", types)).isEmpty();
        assertThat(Suggestions.nearest("", types)).isEmpty();
        assertThat(Suggestions.nearest("kafka-lag", List.of())).isEmpty();
    }
}
