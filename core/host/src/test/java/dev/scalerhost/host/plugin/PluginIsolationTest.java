package dev.scalerhost.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plugins in their own class loaders, called only through the isolating wrappers. */
class PluginIsolationTest {

    @TempDir
    static Path root;

    private static Path plugins;
    private static PluginCatalog catalog;

    @BeforeAll
    static void buildPlugins() {
        plugins = root.resolve("plugins");
        TestJars.jar().source("com.acme.Unruly", TestPluginSources.UNRULY).service("com.acme.Unruly")
                .writeTo(plugins.resolve("unruly/unruly.jar"));
        TestJars.jar().source("com.acme.Strict", TestPluginSources.STRICT).service("com.acme.Strict")
                .writeTo(plugins.resolve("strict/strict.jar"));
        TestJars.jar().source("com.acme.Probe", TestPluginSources.PROBE).service("com.acme.Probe")
                .writeTo(plugins.resolve("probe/probe.jar"));
        TestJars.jar()
                .source("com.acme.JsonPlugin", TestPluginSources.JSON_PLUGIN)
                .source("com.fasterxml.jackson.databind.ObjectMapper", TestPluginSources.FAKE_OBJECT_MAPPER)
                .service("com.acme.JsonPlugin")
                .writeTo(plugins.resolve("json/json.jar"));
        catalog = new PluginLoader().load(plugins);
    }

    @AfterAll
    static void closeCatalog() {
        catalog.close();
    }

    private static MetricSource open(String type, String... settings) throws PluginException {
        return catalog.provider(type).orElseThrow().open(PluginFixtures.settings("sources." + type, settings),
                PluginFixtures.context(type));
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(5));
    }

    @Test
    void everyCallIntoAPluginRunsWithItsClassLoaderAsContextLoaderAndRestoresTheCallers() throws Exception {
        assertThat(catalog.statuses()).allSatisfy(status -> assertThat(status.error()).isNull());
        LoadedProvider strict = catalog.provider("strict").orElseThrow();
        assertThat(strict.serviceTypeKeyAliases())
                .isEqualTo(Map.of("threshold", "target", "activationThreshold", "activation"));
        ClassLoader callers = new URLClassLoader("callers", new URL[0], null);
        Thread.currentThread().setContextClassLoader(callers);
        try {
            MetricSource source = strict.open(PluginFixtures.settings("sources.strict"), PluginFixtures.context("strict"));
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callers);
            NodeSettings settings = PluginFixtures.settings("serviceTypes.s");
            Metric metric = source.prepare(settings);
            assertThat(PluginFixtures.problems(settings)).isEmpty();
            assertThat(metric.describe()).isEqualTo("strict metric");
            Map<Metric, Reading> readings = source.measure(List.of(metric), deadline());
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callers);
            assertThat(readings.get(metric)).isEqualTo(Reading.of(1));
            assertThat(source.describe()).isEqualTo("strict source");
            source.close();
            assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(callers);
        } finally {
            Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        }
    }

    @Test
    void aPluginUsesItsOwnCopyOfALibraryWhileTheHostKeepsItsOwn() throws Exception {
        try (MetricSource json = open("json")) {
            assertThat(json.describe()).isEqualTo("plugin's own ObjectMapper wrote 42 from plugin:json");
        }
        assertThat(new ObjectMapper().writeValueAsString(42)).isEqualTo("42");
    }

    @Test
    void aPluginSeesTheJdkTheSpiAndSlf4jButNoOtherHostLibrary() throws Exception {
        try (MetricSource probe = open("probe", "classes", String.join(",",
                "org.eclipse.jetty.server.Server", "io.prometheus.metrics.model.registry.PrometheusRegistry",
                "com.fasterxml.jackson.databind.ObjectMapper", "io.grpc.Server", "ch.qos.logback.classic.Logger",
                "dev.scalerhost.host.plugin.PluginLoader", "org.slf4j.Logger", "dev.scalerhost.spi.Reading",
                "java.sql.Connection", "javax.sql.DataSource", "com.acme.Probe"))) {
            assertThat(probe.describe()).isEqualTo(String.join(",",
                    "org.eclipse.jetty.server.Server=hidden", "io.prometheus.metrics.model.registry.PrometheusRegistry=hidden",
                    "com.fasterxml.jackson.databind.ObjectMapper=hidden", "io.grpc.Server=hidden",
                    "ch.qos.logback.classic.Logger=hidden", "dev.scalerhost.host.plugin.PluginLoader=hidden",
                    "org.slf4j.Logger=shared", "dev.scalerhost.spi.Reading=shared",
                    "java.sql.Connection=shared", "javax.sql.DataSource=shared", "com.acme.Probe=own"));
        }
    }

    @Test
    void anOpenThatThrowsBecomesAPluginExceptionNamingThePlugin() {
        assertThatThrownBy(() -> open("unruly", "failIn", "open", "failure", "checked"))
                .isInstanceOf(PluginException.class)
                .hasMessage("plugin " + plugins.resolve("unruly") + " (type unruly) failed in open: "
                        + "java.io.IOException: backend unreachable")
                .hasCauseInstanceOf(IOException.class);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "runtime,       java.lang.IllegalStateException: plugin bug",
        "checked,       java.io.IOException: backend unreachable",
        "noclassdef,    java.lang.NoClassDefFoundError: com/acme/Gone",
        "stackoverflow, java.lang.StackOverflowError",
        "null,          java.lang.IllegalStateException: measure returned null instead of a map of readings",
    })
    void whateverMeasureThrowsComesBackAsAPluginException(String failure, String summary) throws Exception {
        try (MetricSource source = open("unruly", "failIn", "measure", "failure", failure)) {
            Metric metric = source.prepare(PluginFixtures.settings("serviceTypes.u", "id", "1"));

            assertThatThrownBy(() -> source.measure(List.of(metric), deadline()))
                    .isInstanceOf(PluginException.class)
                    .hasMessage("plugin " + plugins.resolve("unruly") + " (type unruly) failed in measure: " + summary);
        }
    }

    @Test
    void readingsAreKeyedByTheMetricsThatPrepareReturned() throws Exception {
        try (MetricSource source = open("unruly")) {
            Metric one = source.prepare(PluginFixtures.settings("serviceTypes.one", "id", "1"));
            Metric two = source.prepare(PluginFixtures.settings("serviceTypes.two", "id", "2"));

            Map<Metric, Reading> readings = source.measure(List.of(one, two), deadline());

            assertThat(readings).containsOnlyKeys(one, two);
            assertThat(readings.get(one)).isEqualTo(Reading.of(10));
            assertThat(readings.get(two)).isEqualTo(Reading.of(20));
            assertThat(one.describe()).isEqualTo("metric 1");
        }
    }

    @Test
    void aMetricFromAnotherSourceIsRefused() throws Exception {
        try (MetricSource source = open("unruly")) {
            Metric foreign = () -> "not prepared here";

            assertThatThrownBy(() -> source.measure(List.of(foreign), deadline()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("was not prepared by plugin " + plugins.resolve("unruly"));
        }
    }

    @Test
    void aPrepareThatThrowsBecomesAProblemOfTheBinding() throws Exception {
        try (MetricSource source = open("unruly", "failIn", "prepare")) {
            NodeSettings settings = PluginFixtures.settings("serviceTypes.u");

            assertThat(source.prepare(settings)).isNull();
            assertThat(PluginFixtures.problems(settings)).containsExactly("serviceTypes.u: plugin " + plugins.resolve("unruly")
                    + " (type unruly) failed in prepare: java.lang.NullPointerException: params.get(\"topic\") is null; "
                    + "this is a bug in the plugin, please report it");
        }
    }

    @Test
    void aDescribeThatThrowsGivesAnEmptyDescription() throws Exception {
        try (MetricSource source = open("unruly", "failIn", "describe")) {
            assertThat(source.describe()).isEmpty();
            assertThat(source.describe()).isEmpty();
        }
    }

    @Test
    void closeReachesThePluginOnceAndReportsItsFailure() throws Exception {
        MetricSource source = open("unruly", "failIn", "close", "failure", "noclassdef");

        assertThatThrownBy(source::close)
                .isInstanceOf(PluginException.class)
                .hasMessageEndingWith("failed in close: java.lang.NoClassDefFoundError: com/acme/Gone");
        source.close();
    }
}
