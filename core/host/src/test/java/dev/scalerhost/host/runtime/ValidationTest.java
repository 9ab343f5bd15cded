package dev.scalerhost.host.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.plugin.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HostLoader#validate}: everything but measuring, with values the running host will have left out. */
class ValidationTest {

    /** A plugin with the checks a real one makes: an http URL, a required password, a required query. */
    private static final String STRICT = """
            import dev.scalerhost.spi.*;
            import java.util.*;
            public class Strict implements MetricSourceProvider {
                @Override public String type() { return "strict"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) throws Exception {
                    String url = settings.string("url");
                    if (url != null && !url.startsWith("http")) { settings.problem("url", "must be an http URL"); }
                    settings.string("password");
                    return settings.hasProblems() ? null : new Source();
                }
                static final class Source implements MetricSource {
                    @Override public Metric prepare(Settings params) {
                        String query = params.string("query");
                        return query == null ? null : () -> query;
                    }
                    @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) {
                        throw new IllegalStateException("validation must not measure");
                    }
                    @Override public void close() { }
                }
            }
            """;

    @TempDir
    Path directory;

    private final Map<String, String> env = new HashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private Path plugins;

    @BeforeEach
    void buildPlugin() {
        plugins = directory.resolve("plugins");
        TestJars.jar().source("Strict", STRICT).service("Strict").writeTo(plugins.resolve("strict").resolve("strict.jar"));
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private HostLoader loader() {
        return new HostLoader(env::get, directory, Optional.of(plugins), new HostMetrics(), Clock.systemUTC(), scheduler);
    }

    private Path file(String yaml) throws Exception {
        return Files.writeString(directory.resolve("scalerhost.yaml"), """
                server:
                  grpc: {port: 9090}
                  http: {port: 8080}
                """ + yaml);
    }

    @Test
    void anUnsetSecretIsANoteAndEverythingElseIsStillChecked() throws Exception {
        Path file = file("""
                sources:
                  db: {type: strict, url: "http://db:5432", password: "${DB_PASSWORD}"}
                serviceTypes:
                  depth: {source: db, query: "SELECT 1", target: 10}
                """);

        Validation validation = loader().validate(file);

        assertThat(validation.sources()).isEqualTo(1);
        assertThat(validation.serviceTypes()).isEqualTo(1);
        assertThat(validation.notes()).containsExactly("sources.db.password: not checked, environment variable "
                + "DB_PASSWORD is not set here (the running host needs it)");
        assertThatThrownBy(() -> loader().load(file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("environment variable DB_PASSWORD is not set");
    }

    @Test
    void problemsThatDoNotComeFromUnsetValuesStillFail() throws Exception {
        Path file = file("""
                sources:
                  db: {type: strict, url: "http://db:5432", password: "${DB_PASSWORD}"}
                serviceTypes:
                  depth: {source: db, qurey: "SELECT 1", target: 10}
                  local: {source: db, query: "SELECT 2", target: 1, activation: lots}
                """);

        assertThatThrownBy(() -> loader().validate(file)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.problems()).extracting(ConfigProblem::path).containsExactlyInAnyOrder(
                        "serviceTypes.depth.query", "serviceTypes.depth.qurey", "serviceTypes.local.activation"));
    }

    @Test
    void whatAPluginSaysAboutAStandInIsANoteAndItsServiceTypesAreNamed() throws Exception {
        Path file = file("""
                sources:
                  db: {type: strict, url: "${DB_URL}", password: "${file:secrets/db-password}"}
                serviceTypes:
                  depth: {source: db, query: "SELECT 1", target: 10}
                """);

        Validation validation = loader().validate(file);

        assertThat(validation.notes()).anySatisfy(note -> assertThat(note).startsWith(
                "sources.db.url: not checked, environment variable DB_URL is not set here; with a stand-in value "
                        + "the plugin said: must be an http URL"));
        assertThat(validation.notes()).anySatisfy(note -> assertThat(note).startsWith("sources.db.password: not checked, file ")
                .contains("secrets/db-password does not exist here"));
        assertThat(validation.notes()).contains("serviceTypes depth: plugin parameters may be unchecked, because "
                + "source db could not be opened without its unresolved values");
    }

    @Test
    void tlsFilesThatAreMountedAtRunTimeAreNotes() throws Exception {
        Path file = Files.writeString(directory.resolve("tls.yaml"), """
                server:
                  grpc: {port: 9090, tls: {certificate: tls/tls.crt, privateKey: tls/tls.key, clientCa: tls/ca.crt}}
                sources: {}
                serviceTypes: {}
                """);

        assertThat(loader().validate(file).notes()).containsExactly(
                "server.grpc.tls.certificate: not checked, the file does not exist here (mounted at run time)",
                "server.grpc.tls.privateKey: not checked, the file does not exist here (mounted at run time)",
                "server.grpc.tls.clientCa: not checked, the file does not exist here (mounted at run time)");
    }

    @Test
    void aSourceOnTheHostsOwnPortFailsValidationToo() throws Exception {
        Path file = file("""
                sources:
                  db: {type: strict, url: "http://127.0.0.1:8080", password: x}
                serviceTypes: {}
                """);

        assertThatThrownBy(() -> loader().validate(file)).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.getMessage()).contains("sources.db.url", "server.http.port is 8080"));
    }
}
