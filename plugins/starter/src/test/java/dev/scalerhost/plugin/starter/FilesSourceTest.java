package dev.scalerhost.plugin.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.ConfigProblem;
import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostSourceContext;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: files} opened and measured the way the host does, with its real settings and context. */
class FilesSourceTest {

    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();

    @TempDir
    Path root;

    @AfterAll
    static void stopScheduler() {
        SCHEDULER.shutdownNow();
    }

    private static HostSourceContext context() {
        return HostSourceContext.of("spool", new HostMetrics(), Clock.systemUTC(), SCHEDULER);
    }

    private MetricSource open() {
        NodeSettings settings = TestSettings.fromMap("sources.spool", Map.of("root", root.toString()));
        MetricSource source = new FilesSourceProvider().open(settings, context());
        settings.reportUnknownKeys();
        assertThat(settings.problems().list()).isEmpty();
        return source;
    }

    private static Metric prepare(MetricSource source, Map<String, ?> params) {
        NodeSettings settings = TestSettings.fromMap("serviceTypes.t", params);
        Metric metric = source.prepare(settings);
        settings.reportUnknownKeys();
        assertThat(settings.problems().list()).isEmpty();
        return metric;
    }

    private static List<String> problems(NodeSettings settings) {
        settings.reportUnknownKeys();
        return settings.problems().list().stream().map(ConfigProblem::render).toList();
    }

    @Test
    void isFoundByTheServiceLoaderAndBuiltForThisSpi() {
        assertThat(ServiceLoader.load(MetricSourceProvider.class).stream().map(ServiceLoader.Provider::get)
                .map(MetricSourceProvider::type)).containsExactly("files");
    }

    @Test
    void countsEveryGlobOfADirectoryInOneListing() throws Exception {
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        for (String name : List.of("a.csv", "b.csv", "c.json", ".hidden.csv")) {
            Files.writeString(inbox.resolve(name), "x");
        }
        Files.createDirectories(inbox.resolve("sub.csv"));
        try (MetricSource source = open()) {
            Metric csv = prepare(source, Map.of("directory", "inbox", "glob", "*.csv"));
            Metric all = prepare(source, Map.of("directory", "inbox/"));

            Map<Metric, Reading> readings = source.measure(List.of(csv, all), Deadline.after(Duration.ofSeconds(5)));

            assertThat(readings).containsEntry(csv, Reading.of(3)).containsEntry(all, Reading.of(4));
        }
    }

    @Test
    void missingDirectoryFailsOnlyItsBindings() throws Exception {
        Files.createDirectories(root.resolve("present"));
        try (MetricSource source = open()) {
            Metric present = prepare(source, Map.of("directory", "present"));
            Metric absent = prepare(source, Map.of("directory", "absent"));

            Map<Metric, Reading> readings = source.measure(List.of(present, absent), Deadline.after(Duration.ofSeconds(5)));

            assertThat(readings.get(present)).isEqualTo(Reading.of(0));
            assertThat(readings.get(absent)).isEqualTo(Reading.failure("directory " + root.resolve("absent")
                    + " does not exist; create it or fix the binding's directory"));
        }
    }

    @Test
    void reportsEverySettingsProblemWithItsPath() throws Exception {
        NodeSettings relative = TestSettings.fromMap("sources.spool", Map.of("root", "spool", "rot", "/x"));
        assertThat(new FilesSourceProvider().open(relative, context())).isNull();
        assertThat(problems(relative)).containsExactly("sources.spool.root: must be an absolute path, got 'spool'",
                "sources.spool.rot: unknown key 'rot' (did you mean 'root'?)");

        try (MetricSource source = open()) {
            NodeSettings binding = TestSettings.fromMap("serviceTypes.t", Map.of("directory", "../etc", "glob", "*.{csv"));
            assertThat(source.prepare(binding)).isNull();
            assertThat(problems(binding)).hasSize(2).anySatisfy(problem -> assertThat(problem)
                    .startsWith("serviceTypes.t.directory: must be a path inside root " + root))
                    .anySatisfy(problem -> assertThat(problem).startsWith("serviceTypes.t.glob: '*.{csv' is not a valid glob"));
        }
    }
}
