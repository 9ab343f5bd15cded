package dev.scalerhost.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.host.status.PluginStatus;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    @TempDir
    Path root;

    private PluginCatalog catalog;

    @AfterEach
    void closeCatalog() {
        if (catalog != null) {
            catalog.close();
        }
    }

    private Path plugins() {
        return root.resolve("plugins");
    }

    private void constantPlugin(String directory, String className, String type) {
        TestJars.jar()
                .source(className, TestJars.constantProvider(className, type, 42))
                .service(className)
                .writeTo(plugins().resolve(directory).resolve(directory + ".jar"));
    }

    private PluginCatalog load() {
        catalog = new PluginLoader().load(plugins());
        return catalog;
    }

    @Test
    void loadsAPluginDirectoryAndMeasuresThroughIt() throws Exception {
        constantPlugin("constant", "com.acme.ConstantProvider", "constant");

        PluginCatalog loaded = load();

        assertThat(loaded.types()).containsExactly("constant");
        assertThat(loaded.statuses()).containsExactly(new PluginStatus("constant", List.of("constant"), null));
        LoadedProvider provider = loaded.provider("constant").orElseThrow();
        assertThat(provider.directory()).isEqualTo("constant");
        assertThat(provider.location()).isEqualTo(plugins().resolve("constant"));
        assertThat(provider.providerClassName()).isEqualTo("com.acme.ConstantProvider");
        assertThat(provider.serviceTypeKeyAliases()).isEmpty();

        MetricSource source = provider.open(PluginFixtures.settings("sources.c", "value", "7"), PluginFixtures.context("c"));
        Metric metric = source.prepare(PluginFixtures.settings("serviceTypes.a"));
        Map<Metric, Reading> readings = source.measure(List.of(metric), Deadline.after(Duration.ofSeconds(5)));

        assertThat(metric.describe()).isEqualTo("constant 7.0");
        assertThat(readings).containsOnlyKeys(metric);
        assertThat(((Reading.Value) readings.get(metric)).value()).isEqualTo(7.0);
        assertThat(source.describe()).isEqualTo("constant source");
        source.close();
    }

    @Test
    void loadsAllJarsOfADirectoryWithOneClassLoader() throws Exception {
        TestJars.jar().source("com.acme.Helper", TestPluginSources.HELPER)
                .writeTo(plugins().resolve("split/helper.jar"));
        TestJars.jar()
                .source("com.acme.NeedsHelper", TestPluginSources.NEEDS_HELPER)
                .source("com.acme.Helper", TestPluginSources.HELPER)
                .omitClass("com.acme.Helper")
                .service("com.acme.NeedsHelper")
                .writeTo(plugins().resolve("split/provider.jar"));

        assertThat(load().types()).containsExactly("x-helped");
    }

    @Test
    void loadsALooseJarInThePluginsDirectoryAsItsOwnPlugin() {
        TestJars.jar()
                .source("com.acme.Loose", TestJars.constantProvider("com.acme.Loose", "loose", 1))
                .service("com.acme.Loose")
                .writeTo(plugins().resolve("loose.jar"));
        constantPlugin("constant", "com.acme.ConstantProvider", "constant");

        PluginCatalog loaded = load();

        assertThat(loaded.types()).containsExactly("constant", "loose");
        assertThat(loaded.provider("loose").orElseThrow().directory()).isEqualTo("loose.jar");
        assertThat(loaded.statuses()).extracting(PluginStatus::directory).containsExactly("constant", "loose.jar");
    }

    @Test
    void aMissingPluginsDirectoryGivesAnEmptyCatalogThatSaysSo() {
        PluginCatalog loaded = load();

        assertThat(loaded.types()).isEmpty();
        assertThat(loaded.statuses()).isEmpty();
        assertThat(loaded.missingTypeMessage("kafka-lag"))
                .contains("no plugin provides source type 'kafka-lag'", "available types: none",
                        "plugins directory " + plugins() + " does not exist");
    }

    @Test
    void oneBrokenProviderDoesNotHideTheOthersOfItsPlugin() {
        TestJars.jar()
                .source("com.acme.Exploding", TestPluginSources.EXPLODING_CONSTRUCTOR)
                .source("com.acme.Good", TestJars.constantProvider("com.acme.Good", "good", 1))
                .service("com.acme.Exploding", "com.acme.Absent", "com.acme.Good")
                .writeTo(plugins().resolve("mixed/mixed.jar"));

        PluginCatalog loaded = load();

        assertThat(loaded.types()).containsExactly("good");
        PluginStatus status = loaded.statuses().get(0);
        assertThat(status.types()).containsExactly("good");
        assertThat(status.error())
                .contains("provider com.acme.Exploding failed to load: java.lang.IllegalStateException: constructor exploded")
                .contains("a provider listed in META-INF/services/dev.scalerhost.spi.MetricSourceProvider could not be "
                        + "loaded: Provider com.acme.Absent not found");
    }

    @Test
    void reportsAMalformedServiceFile() throws Exception {
        TestJars.jar()
                .source("com.acme.Good", TestJars.constantProvider("com.acme.Good", "good", 1))
                .resource(TestJars.SERVICE_FILE, "com.acme.Good\ncom.acme.Not A Class Name\n")
                .writeTo(plugins().resolve("malformed/malformed.jar"));

        PluginCatalog loaded = load();

        assertThat(loaded.types()).isEmpty();
        assertThat(loaded.statuses().get(0).error()).isEqualTo("a provider listed in " + TestJars.SERVICE_FILE
                + " could not be loaded: jar:" + plugins().resolve("malformed/malformed.jar").toUri().toURL()
                + "!/" + TestJars.SERVICE_FILE + ":2: Illegal configuration-file syntax");
    }

    @Test
    void reportsAProviderThatNeedsAClassMissingFromThePlugin() {
        TestJars.jar()
                .source("com.acme.NeedsHelper", TestPluginSources.NEEDS_HELPER)
                .source("com.acme.Helper", TestPluginSources.HELPER)
                .omitClass("com.acme.Helper")
                .service("com.acme.NeedsHelper")
                .writeTo(plugins().resolve("helpless/helpless.jar"));

        PluginCatalog loaded = load();

        assertThat(loaded.types()).isEmpty();
        assertThat(loaded.statuses().get(0).error())
                .contains("provider com.acme.NeedsHelper failed to load: java.lang.NoClassDefFoundError: com/acme/Helper");
    }

    @Test
    void reportsAPluginWithoutServiceFile() {
        TestJars.jar()
                .source("com.acme.Unlisted", TestJars.constantProvider("com.acme.Unlisted", "unlisted", 1))
                .writeTo(plugins().resolve("unlisted/unlisted.jar"));

        PluginCatalog loaded = load();

        assertThat(loaded.types()).isEmpty();
        assertThat(loaded.statuses()).containsExactly(new PluginStatus("unlisted", List.of(),
                "no MetricSourceProvider found in unlisted.jar; "
                        + "is META-INF/services/dev.scalerhost.spi.MetricSourceProvider missing?"));
    }

    @Test
    void refusesAProviderBuiltForAnotherSpiVersion() {
        TestJars.jar()
                .source("com.acme.Future", TestPluginSources.versioned("com.acme.Future", "future", 2))
                .service("com.acme.Future")
                .writeTo(plugins().resolve("future/future.jar"));

        PluginCatalog loaded = load();

        assertThat(loaded.provider("future")).isEmpty();
        assertThat(loaded.statuses().get(0).error()).isEqualTo("provider com.acme.Future was built for SPI version 2; "
                + "this host implements version 1; rebuild the plugin against scalerhost-spi 1");
        assertThat(loaded.missingTypeMessage("future"))
                .contains(plugins().resolve("future") + ": provider com.acme.Future was built for SPI version 2");
    }

    @Test
    void refusesATypeThatIsNotLowercaseLettersDigitsAndDashes() {
        TestJars.jar()
                .source("com.acme.Shouty", TestJars.constantProvider("com.acme.Shouty", "Kafka_Lag", 1))
                .service("com.acme.Shouty")
                .writeTo(plugins().resolve("shouty/shouty.jar"));

        assertThat(load().statuses().get(0).error())
                .contains("provider com.acme.Shouty has the invalid type 'Kafka_Lag'");
    }

    @Test
    void reportsACorruptJarAndStillLoadsTheOtherPlugins() {
        constantPlugin("constant", "com.acme.ConstantProvider", "constant");
        TestJars.corruptJar(plugins().resolve("corrupt/broken.jar"));
        TestJars.corruptJar(plugins().resolve("broken-loose.jar"));

        PluginCatalog loaded = load();

        assertThat(loaded.types()).containsExactly("constant");
        assertThat(loaded.statuses()).extracting(PluginStatus::directory, PluginStatus::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("broken-loose.jar",
                                "broken-loose.jar is not a readable jar (zip END header not found); "
                                        + "replace it with a valid jar or remove it"),
                        org.assertj.core.groups.Tuple.tuple("constant", null),
                        org.assertj.core.groups.Tuple.tuple("corrupt",
                                "broken.jar is not a readable jar (zip END header not found); "
                                        + "replace it with a valid jar or remove it"));
    }

    @Test
    void reportsADirectoryWithoutJars() throws Exception {
        Files.createDirectories(plugins().resolve("empty"));
        Files.writeString(plugins().resolve("empty/README.txt"), "nothing here");

        assertThat(load().statuses().get(0).error()).startsWith("no jar files in " + plugins().resolve("empty"));
    }

    @Test
    void twoPluginsClaimingOneTypeServeNeitherAndTheErrorNamesBoth() {
        constantPlugin("first", "com.first.Dup", "dup");
        constantPlugin("second", "com.second.Dup", "dup");
        constantPlugin("constant", "com.acme.ConstantProvider", "constant");

        PluginCatalog loaded = load();

        assertThat(loaded.provider("dup")).isEmpty();
        assertThat(loaded.types()).containsExactly("constant");
        assertThat(loaded.conflictingTypes()).containsExactly("dup");
        String conflict = "source type 'dup' is provided by more than one plugin: "
                + plugins().resolve("first") + " (com.first.Dup) and " + plugins().resolve("second")
                + " (com.second.Dup); neither is used; remove all but one of them from the plugins directory";
        assertThat(loaded.missingTypeMessage("dup")).isEqualTo(conflict);
        assertThat(loaded.statuses()).containsExactly(
                new PluginStatus("constant", List.of("constant"), null),
                new PluginStatus("first", List.of(), conflict),
                new PluginStatus("second", List.of(), conflict));
    }

    @Test
    void aMissingTypeMessageSuggestsListsAndNamesFailedPlugins() {
        constantPlugin("constant", "com.acme.ConstantProvider", "constant");
        constantPlugin("kafka-lag", "com.acme.KafkaLag", "kafka-lag");
        TestJars.corruptJar(plugins().resolve("postgres/postgres.jar"));

        PluginCatalog loaded = load();

        assertThat(loaded.missingTypeMessage("kafak-lag")).isEqualTo("no plugin provides source type 'kafak-lag' "
                + "(did you mean 'kafka-lag'?); available types: constant, kafka-lag (plugins directory " + plugins()
                + "); plugins that failed to load, one of which may provide it: " + plugins().resolve("postgres")
                + ": postgres.jar is not a readable jar (zip END header not found); replace it with a valid jar or remove it");
        assertThat(loaded.missingTypeMessage("prometheus")).doesNotContain("did you mean");
        assertThatThrownBy(() -> loaded.missingTypeMessage("constant")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingTheCatalogClosesThePluginClassLoaders() {
        constantPlugin("constant", "com.acme.ConstantProvider", "constant");
        LoadedProvider provider = load().provider("constant").orElseThrow();

        catalog.close();

        // The source class was never loaded, so opening now needs the closed jar.
        assertThatThrownBy(() -> provider.open(PluginFixtures.settings("sources.c"), PluginFixtures.context("c")))
                .isInstanceOf(PluginException.class)
                .hasMessageStartingWith("plugin " + plugins().resolve("constant") + " (type constant) failed in open: "
                        + "java.lang.NoClassDefFoundError");
    }
}
