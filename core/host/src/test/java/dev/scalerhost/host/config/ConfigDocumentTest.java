package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDocumentTest {

    @TempDir
    Path directory;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private ConfigProblem fatal(String yaml) {
        ConfigException e = (ConfigException) org.assertj.core.api.Assertions.catchThrowable(() -> fixture.read(yaml));
        assertThat(e).as("reading%n%s", yaml).isNotNull();
        assertThat(e.problems()).hasSize(1);
        return e.problems().get(0);
    }

    @Test
    void keepsLocationsOfKeysAndValues() throws Exception {
        MapNode root = fixture.read("server:\n  grpc:\n    port: 9090\nlist: [a, {b: 1}]\n").root();

        MapNode grpc = (MapNode) ((MapNode) root.get("server").orElseThrow()).get("grpc").orElseThrow();
        MapNode.Entry port = grpc.entry("port").orElseThrow();
        assertThat(port.keyLocation()).isEqualTo(new Location(3, 5));
        assertThat(port.value()).isEqualTo(new ScalarNode(new Location(3, 11), ScalarNode.Type.NUMBER, "9090", 9090, false));
        ListNode list = (ListNode) root.get("list").orElseThrow();
        assertThat(list.location()).isEqualTo(new Location(4, 7));
        assertThat(list.items()).hasSize(2);
        assertThat(list.items().get(1)).isInstanceOf(MapNode.class);
        assertThat(list.items().get(1).location()).isEqualTo(new Location(4, 11));
    }

    @Test
    void emptyFileIsAProblem() {
        assertThat(fatal("").message()).startsWith("the file is empty");
        assertThat(fatal("# nothing but a comment\n").message()).startsWith("the file is empty");
    }

    @Test
    void topLevelListIsAProblem() {
        ConfigProblem problem = fatal("- server\n- sources\n");
        assertThat(problem.line()).isEqualTo(1);
        assertThat(problem.message()).isEqualTo("the top level must be a map of keys (server, plugins, sources, serviceTypes), found a list");
    }

    @Test
    void topLevelScalarIsAProblem() {
        assertThat(fatal("just text\n").message()).endsWith("found a value");
    }

    @Test
    void missingFileIsAProblem() {
        Path missing = directory.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigDocument.read(missing, name -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": 1 problem\n  the file does not exist (working directory: ");
    }

    @Test
    void directoryInsteadOfFileIsAProblem() {
        assertThatThrownBy(() -> ConfigDocument.read(directory, name -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot read the file");
    }

    @Test
    void invalidUtf8IsAProblem() throws Exception {
        Path file = directory.resolve("latin1.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});
        assertThatThrownBy(() -> ConfigDocument.read(file, name -> null))
                .isInstanceOf(ConfigException.class)
                .hasMessageEndingWith("the file is not valid UTF-8 text");
    }

    @Test
    void secondDocumentIsAProblemButTheFirstIsKept() throws Exception {
        ConfigDocument document = fixture.read("server: {}\n---\nsources: {}\n");

        assertThat(document.root().keys()).containsExactly("server");
        assertThat(document.problems().list()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("more than one YAML document");
        });
    }

    @Test
    void aliasIsAProblemRatherThanItsAnchorName() throws Exception {
        ConfigDocument document = fixture.read("a: &shared 5s\nb: *shared\n");

        assertThat(document.problems().list()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("b");
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("YAML aliases (*shared) are not supported: write the value out");
        });
    }

    @Test
    void binaryValueIsAProblemWithItsPath() throws Exception {
        ConfigDocument document = fixture.read("sources:\n  db:\n    password: !!binary AA==\n");

        assertThat(document.problems().list()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sources.db.password");
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.message()).contains("!!binary", "not supported");
        });
    }

    @Test
    void nonScalarKeyIsASyntaxError() {
        ConfigProblem problem = fatal("? [a]\n: 1\n");
        assertThat(problem.message()).startsWith("YAML syntax error: ");
        assertThat(problem.line()).isEqualTo(1);
    }

    @Test
    void readingContinuesAfterDuplicatesAndFailedSubstitutions() throws Exception {
        ConfigDocument document = fixture.read("a: ${MISSING}\nb: 1\nb: 2\nc: ok\n");

        assertThat(document.root().keys()).containsExactly("a", "b", "c");
        assertThat(document.root().get("a").orElseThrow())
                .isEqualTo(ScalarNode.invalid(new Location(1, 4)));
        assertThat(document.problems().list()).extracting(ConfigProblem::path, ConfigProblem::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 3));
        assertThat(List.of(document.problems().list().get(0).message()))
                .containsExactly("environment variable MISSING is not set: set it, or give a default with ${MISSING:-default}");
    }
}
