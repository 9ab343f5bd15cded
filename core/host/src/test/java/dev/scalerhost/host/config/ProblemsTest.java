package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void reportListsEveryProblemInFileOrder() {
        Problems problems = new Problems();
        problems.add("serviceTypes.ingest-logs.topic", new Location(12, 5), "required");
        problems.add("server.grpc.port", new Location(3, 11), "must be within 0..65535, got 70000");
        problems.add("", Location.UNKNOWN, "the file is empty");

        assertThatThrownBy(() -> problems.throwIfAny(Path.of("config/lakerunner.yaml")))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("""
                            config/lakerunner.yaml: 3 problems
                              the file is empty
                              server.grpc.port (line 3, column 11): must be within 0..65535, got 70000
                              serviceTypes.ingest-logs.topic (line 12, column 5): required""");
                    assertThat(e.problems()).extracting(ConfigProblem::path)
                            .containsExactly("", "server.grpc.port", "serviceTypes.ingest-logs.topic");
                });
    }

    @Test
    void oneProblemIsSingular() {
        Problems problems = new Problems();
        problems.add("a", Location.UNKNOWN, "required");

        assertThatThrownBy(() -> problems.throwIfAny("f.yaml")).hasMessage("f.yaml: 1 problem\n  a: required");
    }

    @Test
    void identicalProblemsCountOnce() {
        Problems problems = new Problems();
        problems.add("a", new Location(1, 1), "required");
        problems.add("a", new Location(1, 1), "required");

        assertThat(problems.list()).hasSize(1);
    }

    @Test
    void noProblemsThrowsNothing() throws Exception {
        Problems problems = new Problems();

        problems.throwIfAny("f.yaml");

        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void fileLevelProblemWithLocationRendersWithoutPath() {
        assertThat(new ConfigProblem("", new Location(3, 1), "YAML syntax error: x").render())
                .isEqualTo("(line 3, column 1): YAML syntax error: x");
    }
}
