package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** A map key also takes KEDA's {@code key1=value1,key2=value2} string, as KEDA's trigger metadata writes maps. */
class KedaKeyValueMapTest {

    private static NodeSettings settings(Map<String, ?> values) {
        return TestSettings.fromMap("sources.prom", values);
    }

    private static java.util.List<String> problems(NodeSettings settings) {
        return settings.problems().list().stream().map(ConfigProblem::render).toList();
    }

    @Test
    void kedaStringFormIsReadAsAMapInOrderWithBlanksTrimmed() {
        NodeSettings s = settings(Map.of("customHeaders", " X-Scope-OrgID = team-a ,X-Token=abc=="));
        assertThat(s.stringMap("customHeaders")).containsExactly(Map.entry("X-Scope-OrgID", "team-a"),
                Map.entry("X-Token", "abc=="));
        assertThat(problems(s)).isEmpty();
    }

    @Test
    void aPairWithoutKeyOrEqualsSignIsAProblemNamingIt() {
        NodeSettings s = settings(Map.of("queryParameters", "key1=value1,key2"));
        assertThat(s.stringMap("queryParameters")).isEmpty();
        assertThat(problems(s)).containsExactly("sources.prom.queryParameters: expected a map, or KEDA's form "
                + "key1=value1,key2=value2; 'key2' is not key=value");
    }
}
