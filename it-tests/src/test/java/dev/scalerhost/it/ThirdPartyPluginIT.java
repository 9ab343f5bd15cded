package dev.scalerhost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A reader of docs/writing-a-plugin.md: builds a plugin outside the reactor (javac against the SPI
 * jar only), drops its directory into a copy of the distribution's {@code plugins/}, and talks to the
 * running host as KEDA does. The starter project is the plugin the guide walks through; a plugin
 * built for another {@code spiVersion} must be refused, naming the plugin and both versions.
 */
class ThirdPartyPluginIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final Path STARTER = Path.of("..", "plugins", "starter", "src", "main").toAbsolutePath().normalize();

    private final Distribution distribution = Distribution.unpacked();
    private Path work;
    private Path pluginsDir;

    /** A plugins directory of this test's own, so that the verdicts concern only the plugins built here. */
    @BeforeEach
    void createPluginsDirectory() throws IOException {
        work = distribution.newWorkDirectory("third-party");
        pluginsDir = Files.createDirectories(work.resolve("plugins"));
    }

    private void buildStarter() {
        ThirdPartyPlugin.build(STARTER.resolve("java"), STARTER.resolve("resources"),
                ThirdPartyPlugin.spiJar(Distribution.version()), pluginsDir, "files", work);
    }

    @Test
    void starterPluginBuiltOutsideTheReactorServesItsValuesToKeda() throws Exception {
        buildStarter();
        Path inbox = Files.createDirectories(work.resolve("spool/inbox"));
        for (String name : new String[] {"a.csv", "b.csv", "c.csv", "ignored.tmp"}) {
            Files.writeString(inbox.resolve(name), "row\n");
        }
        String config = serverSection() + """
                sources:
                  spool:
                    type: files
                    root: "%s"
                serviceTypes:
                  spool-csv:
                    source: spool
                    directory: inbox
                    glob: "*.csv"
                    target: 2
                    refreshInterval: 1s
                """.formatted(work.resolve("spool"));

        assertThat(cli("plugins", "--plugins-dir", pluginsDir.toString()))
                .as("scalerhost plugins").startsWith("exit 0").containsPattern("files\\s+files\\s+ok");
        assertThat(cliWithConfig(config, "check", "--config", "@CONFIG@")).as("scalerhost check").startsWith("exit 0")
                .contains("spool-csv");

        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("third-party-run").config(config).start();
             KedaClient keda = KedaClient.connect(host.grpcPort())) {
            KedaClient.Poll poll = keda.poll("spool-csv");
            assertThat(poll.metricName()).isEqualTo("spool-csv");
            assertThat(poll.value()).isEqualTo(3);
            assertThat(poll.target()).isEqualTo(2);
            assertThat(poll.active()).isTrue();

            Files.writeString(inbox.resolve("d.csv"), "row\n");
            Files.writeString(inbox.resolve("e.csv"), "row\n");
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(keda.poll("spool-csv", KedaClient.HPA_DEADLINE).value()).isEqualTo(5));
            host.stop();
        }
    }

    @Test
    void pluginBuiltForAnotherSpiVersionIsRefusedNamingThePluginAndBothVersions() throws Exception {
        buildStarter();
        Path sources = work.resolve("future-src");
        ThirdPartyPlugin.writeSource(sources.resolve("java"), "com.example.future.FutureProvider", """
                package com.example.future;

                import dev.scalerhost.spi.MetricSource;
                import dev.scalerhost.spi.MetricSourceProvider;
                import dev.scalerhost.spi.Settings;
                import dev.scalerhost.spi.SourceContext;

                public final class FutureProvider implements MetricSourceProvider {
                    @Override
                    public String type() {
                        return "future";
                    }

                    @Override
                    public int spiVersion() {
                        return 2;
                    }

                    @Override
                    public MetricSource open(Settings settings, SourceContext context) {
                        throw new IllegalStateException("a refused plugin is never opened");
                    }
                }
                """);
        ThirdPartyPlugin.writeServiceFile(sources.resolve("resources"), "com.example.future.FutureProvider");
        ThirdPartyPlugin.build(sources.resolve("java"), sources.resolve("resources"),
                ThirdPartyPlugin.spiJar(Distribution.version()), pluginsDir, "future-source", work);

        assertThat(cli("plugins", "--plugins-dir", pluginsDir.toString())).as("scalerhost plugins")
                .doesNotStartWith("exit 0")
                .containsPattern("future-source\\s+-\\s+FAILED: .*com\\.example\\.future\\.FutureProvider "
                        + "was built for SPI version 2; this host implements version 1")
                .containsPattern("files\\s+files\\s+ok");

        String usesIt = serverSection() + """
                sources:
                  ahead:
                    type: future
                serviceTypes:
                  ahead-depth:
                    source: ahead
                    target: 1
                """;
        assertThat(cliWithConfig(usesIt, "check", "--config", "@CONFIG@")).as("scalerhost check")
                .doesNotStartWith("exit 0")
                .contains("future-source", "built for SPI version 2", "this host implements version 1");

        String doesNotUseIt = serverSection() + """
                sources:
                  spool: {type: files, root: "%s"}
                serviceTypes: {}
                """.formatted(work);
        assertThat(cliWithConfig(doesNotUseIt, "check", "--config", "@CONFIG@"))
                .as("a refused plugin that no source needs does not stop the host").startsWith("exit 0");
    }

    /** The harness's server section, with this test's copy of the plugins directory. */
    private String serverSection() {
        return ScalerhostProcess.serverSection().replace("@PLUGINS_DIR@", pluginsDir.toString());
    }

    /** Runs the launcher with {@code arguments} and a config that needs none, and returns "exit N" and its output. */
    private String cli(String... arguments) {
        return cliWithConfig(serverSection() + "serviceTypes: {}\n", arguments);
    }

    private String cliWithConfig(String config, String... arguments) {
        try (ScalerhostProcess process = ScalerhostProcess.builder(distribution).name("third-party-cli")
                .config(config).arguments(arguments).launch()) {
            int exit = process.awaitExit(EXIT_TIMEOUT);
            return "exit " + exit + "\n" + process.log();
        }
    }
}
