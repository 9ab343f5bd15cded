package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.host.plugin.TestJars;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.Http;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real plugin jars, built by the test and dropped into a copy of the distribution's
 * {@code plugins/}: one bundling its own Jackson, one whose factory throws, one without a service
 * file and two claiming the same type.
 */
class PluginIsolationIT {

    /** A stand-in for Jackson's ObjectMapper with a method the real one lacks. */
    private static final String FAKE_OBJECT_MAPPER = """
            package com.fasterxml.jackson.databind;

            public class ObjectMapper {
                public double pluginValue() { return 4242; }
            }
            """;

    /**
     * Measures what its bundled ObjectMapper gives: with the host's Jackson in its way the call
     * fails with NoSuchMethodError and there is no value at all.
     */
    private static final String OWN_JACKSON_PROVIDER = """
            package com.acme.json;

            import com.fasterxml.jackson.databind.ObjectMapper;
            import dev.scalerhost.spi.*;
            import java.util.*;

            public class OwnJacksonProvider implements MetricSourceProvider {
                @Override public String type() { return "own-jackson"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    return new MetricSource() {
                        @Override public Metric prepare(Settings params) { return () -> "the plugin's own ObjectMapper"; }
                        @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) {
                            double value = new ObjectMapper().pluginValue();
                            boolean own = ObjectMapper.class.getClassLoader() == OwnJacksonProvider.class.getClassLoader();
                            Map<Metric, Reading> readings = new HashMap<>();
                            for (Metric metric : metrics) {
                                readings.put(metric, Reading.of(value).withDetail("ownObjectMapper", own ? 1 : 0));
                            }
                            return readings;
                        }
                        @Override public void close() { }
                    };
                }
            }
            """;

    private static final String EXPLOSIVE_PROVIDER = """
            package com.acme.boom;

            import dev.scalerhost.spi.*;

            public class ExplosiveProvider implements MetricSourceProvider {
                @Override public String type() { return "explosive"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    throw new IllegalStateException("factory exploded");
                }
            }
            """;

    private static final String NO_STACK_TRACE = "\tat ";

    private static Distribution distribution;

    @BeforeAll
    static void buildPlugins() {
        distribution = Distribution.unpacked().copy("plugin-isolation");
        TestJars.jar()
                .source("com.fasterxml.jackson.databind.ObjectMapper", FAKE_OBJECT_MAPPER)
                .source("com.acme.json.OwnJacksonProvider", OWN_JACKSON_PROVIDER)
                .service("com.acme.json.OwnJacksonProvider")
                .writeTo(distribution.plugins().resolve("own-jackson/own-jackson.jar"));
        TestJars.jar()
                .source("com.acme.boom.ExplosiveProvider", EXPLOSIVE_PROVIDER)
                .service("com.acme.boom.ExplosiveProvider")
                .writeTo(distribution.plugins().resolve("explosive/explosive.jar"));
        TestJars.jar()
                .source("com.acme.lost.LostProvider", TestJars.constantProvider("com.acme.lost.LostProvider", "lost", 1))
                .writeTo(distribution.plugins().resolve("no-service/no-service.jar"));
        for (String twin : List.of("TwinA", "TwinB")) {
            String className = "com.acme.twin." + twin;
            TestJars.jar().source(className, TestJars.constantProvider(className, "twin", 2)).service(className)
                    .writeTo(distribution.plugins().resolve("twin-" + twin.substring(4).toLowerCase() + "/twin.jar"));
        }
    }

    private static String configUsing(String type) {
        return ScalerhostProcess.serverSection() + """
                sources:
                  used: {type: %s}
                serviceTypes:
                  used-type: {source: used, target: 1}
                """.formatted(type);
    }

    /** Runs {@code arguments} (with {@code @CONFIG@} for the config file) to its end. */
    private static ScalerhostProcess runToExit(String name, String config, String... arguments) {
        ScalerhostProcess process = ScalerhostProcess.builder(distribution).name(name).config(config)
                .arguments(arguments).launch();
        process.awaitExit(Duration.ofSeconds(60));
        return process;
    }

    @Test
    void pluginBundlingItsOwnJacksonUsesItsOwnClassWhileTheHostServesStatusJson() throws Exception {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("own-jackson")
                .config(configUsing("own-jackson")).start();
             KedaClient keda = KedaClient.connect(host.grpcPort())) {
            KedaClient.Poll poll = Polls.awaitPoll(keda, "used-type", any -> true);
            Http.Reply status = host.http("/status");
            JsonNode document = new ObjectMapper().readTree(status.body());

            assertThat(poll).isEqualTo(new KedaClient.Poll("used-type", 1.0, 1, 4242.0, 4242, true));
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.contentType()).startsWith("application/json");
            JsonNode binding = document.get("serviceTypes").get("used-type");
            assertThat(binding.get("value").asDouble()).isEqualTo(4242.0);
            assertThat(binding.get("details").get("ownObjectMapper").asDouble()).isEqualTo(1.0);
            assertThat(pluginErrors(document)).anySatisfy(error -> assertThat(error)
                    .startsWith("no-service: ").contains("no MetricSourceProvider found in no-service.jar"));
            host.stop();
        }
    }

    @Test
    void runAndCheckRefuseASourceWhosePluginFactoryThrowsNamingSourceAndPlugin() {
        for (String command : List.of("run", "check")) {
            ScalerhostProcess process = runToExit("explosive-" + command, configUsing("explosive"),
                    command, "--config", "@CONFIG@");

            assertThat(process.awaitExit(Duration.ZERO)).as("%s exit code", command).isEqualTo(2);
            assertThat(process.log()).contains("sources.used", distribution.plugins().resolve("explosive").toString(),
                    "failed in open", "factory exploded").doesNotContain(NO_STACK_TRACE, "listening on");
        }
    }

    @Test
    void pluginsCommandListsAJarWithoutServiceFileAsFailedWithTheReason() {
        ScalerhostProcess process = runToExit("plugins-listing", configUsing("steer"), "plugins");

        assertThat(process.awaitExit(Duration.ZERO)).as("exit code with a failed plugin").isEqualTo(1);
        assertThat(process.log().lines()).anySatisfy(line -> assertThat(line).startsWith("no-service ")
                .contains("FAILED: no MetricSourceProvider found in no-service.jar; is "
                        + "META-INF/services/dev.scalerhost.spi.MetricSourceProvider missing?"));
        assertThat(process.log().lines()).anySatisfy(line -> assertThat(line).startsWith("own-jackson ")
                .contains("own-jackson", "ok"));
        assertThat(process.log()).doesNotContain(NO_STACK_TRACE);
    }

    @Test
    void twoPluginsWithOneTypeRefuseASourceOfThatTypeNamingBothDirectories() {
        ScalerhostProcess process = runToExit("twins", configUsing("twin"), "run", "--config", "@CONFIG@");

        assertThat(process.awaitExit(Duration.ZERO)).isEqualTo(2);
        assertThat(process.log()).contains("sources.used.type", "source type 'twin' is provided by more than one plugin",
                distribution.plugins().resolve("twin-a").toString(), distribution.plugins().resolve("twin-b").toString())
                .doesNotContain(NO_STACK_TRACE, "listening on");
    }

    private static List<String> pluginErrors(JsonNode document) {
        List<String> errors = new ArrayList<>();
        document.get("plugins").forEach(plugin -> {
            if (!plugin.get("error").isNull()) {
                errors.add(plugin.get("directory").asText() + ": " + plugin.get("error").asText());
            }
        });
        return errors;
    }
}
