package dev.scalerhost.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The unpacked tarball has the layout that bin/scalerhost and the plugin loader rely on. */
class DistributionLayoutIT {

    private final Distribution distribution = Distribution.unpacked();

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void topDirectoryIsNamedAfterTheVersion() {
        assertThat(distribution.home().getFileName().toString()).isEqualTo("scalerhost-" + Distribution.version());
    }

    @Test
    void launcherIsAnExecutableBashScriptStartingTheCliMain() throws IOException {
        Path launcher = distribution.launcher();

        assertThat(launcher).isRegularFile();
        assertThat(Files.isExecutable(launcher)).as("%s is executable", launcher).isTrue();
        String script = Files.readString(launcher);
        assertThat(script).startsWith("#!/usr/bin/env bash\n").doesNotContain("\r");
        assertThat(script).contains("dev.scalerhost.host.cli.Main", "exec ");
    }

    @Test
    void libHoldsTheHostAndNoPluginDependencies() throws IOException {
        List<String> lib = names(distribution.lib());

        assertThat(lib).contains("scalerhost-host-" + Distribution.version() + ".jar",
                "scalerhost-spi-" + Distribution.version() + ".jar");
        assertThat(lib).anyMatch(name -> name.startsWith("logback-classic-"));
        assertThat(lib).noneMatch(name -> name.startsWith("kafka-clients")
                || name.startsWith("postgresql") || name.startsWith("HikariCP")
                || name.startsWith("scalerhost-plugin-"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka-lag", "postgres", "prometheus", "redis", "rabbitmq", "nats-jetstream"})
    void eachPluginDirectoryHoldsItsJarButNotWhatTheHostProvides(String plugin) throws IOException {
        List<String> jars = names(distribution.plugins().resolve(plugin));

        assertThat(jars).contains("scalerhost-plugin-" + plugin + "-" + Distribution.version() + ".jar");
        assertThat(jars).allMatch(name -> name.endsWith(".jar"));
        assertThat(jars).noneMatch(name -> name.startsWith("scalerhost-spi") || name.startsWith("slf4j-api")
                || name.startsWith("scalerhost-host"));
    }

    @Test
    void configHoldsTheExampleConfigsAndTheirSchemaOnly() throws IOException {
        List<String> config = names(distribution.config());

        assertThat(config).contains("lakerunner.yaml", "market-data-pipeline.yaml", "scalerhost.schema.json");
        assertThat(config).allMatch(name -> name.endsWith(".yaml") || name.equals("scalerhost.schema.json"));
    }

    @Test
    void readmeIsTheUsersGuideToTheTarballNotTheRepositorysReadme() throws IOException {
        String readme = Files.readString(distribution.home().resolve("README.md"));

        assertThat(readme).startsWith("# scalerhost " + Distribution.version() + "\n");
        assertThat(readme).contains("bin/scalerhost run --config config/", "bin/scalerhost check", "bin/scalerhost plugins",
                "bin/scalerhost version", "Exit codes:", "## Add a plugin", "SCALERHOST_LOG_FORMAT",
                "${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}");
        assertThat(readme).as("what the tarball does not hold").doesNotContain("./demo", "./mvnw", "docs/", "it-tests");
    }
}
