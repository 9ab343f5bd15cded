package dev.scalerhost.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.AotJdk;
import dev.scalerhost.it.harness.AotTraining;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.harness.ScalerhostProcessBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher's AOT cache: {@code bin/scalerhost-aot-cache} makes it on Java 25 with a training run
 * against the built distribution, writing nothing but the cache and its own temporary directory; a
 * start on that Java maps the host's classes (the plugins' too) from it and writes nothing at all, as a
 * pod with a read-only root file system needs; {@code SCALERHOST_AOT} turns it off or names another
 * file; Java 17 starts as before with a cache present. The Java 25 tests are skipped outside CI where
 * no Java 25 is found ({@link AotJdk}).
 */
class AotCacheIT {

    private static final String CONFIG = ScalerhostProcess.serverSection() + "serviceTypes: {}\n";
    private static final String FROM_CACHE = " source: shared objects file";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** One training run for the class: it takes a minute or two. */
    private static Trained trained;

    private record Trained(Path jdk, Distribution distribution, Map<String, String> treeBefore,
            AotTraining training, Path tmp) {
    }

    private static synchronized Trained trained() {
        Path jdk = AotJdk.require();
        if (trained == null) {
            Distribution copy = Distribution.unpacked().copy("aot");
            Map<String, String> before = tree(copy.home());
            Path tmp = copy.newWorkDirectory("aot-training-tmp");
            trained = new Trained(jdk, copy, before, AotTraining.run(copy, jdk, tmp), tmp);
        }
        return trained;
    }

    @Test
    void theTrainingRunWritesTheCacheForItsJavaAndNothingElseOutsideItsTemporaryDirectory() throws Exception {
        Trained run = trained();
        Path cache = run.training().requireCache();

        assertThat(cache.getFileName().toString()).startsWith("scalerhost-java" + AotJdk.version(run.jdk()));
        assertThat(run.training().output()).contains("AOT cache written: " + cache);
        Map<String, String> after = tree(run.distribution().home());
        Map<String, String> added = new TreeMap<>(after);
        run.treeBefore().keySet().forEach(added::remove);
        assertThat(added.keySet()).as("files added to the distribution").containsExactly("aot", "aot/" + cache.getFileName());
        assertThat(after).as("files of the distribution before the run, unchanged").containsAllEntriesOf(run.treeBefore());
        assertThat(tree(run.tmp())).as("the training run's scratch directory under TMPDIR is removed").isEmpty();
    }

    @Test
    void aStartOnJava25MapsTheHostAndItsPluginsFromTheCacheAndWritesNothing() throws Exception {
        Trained run = trained();
        Path cache = run.training().requireCache();
        Path tmp = run.distribution().newWorkDirectory("aot-start-tmp");
        Map<String, String> home = tree(run.distribution().home());

        try (ScalerhostProcess host = java25(run, tmp, "aot-start").start()) {
            assertThat(host.http("/readyz").status()).isEqualTo(200);
            host.stop();
            assertThat(host.log())
                    .contains("Opened AOT cache " + cache)
                    .contains("dev.scalerhost.host.cli.Main" + FROM_CACHE)
                    .containsPattern("dev\\.scalerhost\\.plugin\\.kafka\\.\\S+" + FROM_CACHE);
            assertThat(tree(host.workDir())).as("the process's working directory: what the test wrote")
                    .containsOnlyKeys("scalerhost.yaml", "scalerhost.log");
        }
        assertThat(tree(run.distribution().home())).as("the distribution, cache included").isEqualTo(home);
        assertThat(tree(tmp).keySet()).as("TMPDIR and java.io.tmpdir: at most the host's OOM note")
                .allMatch(name -> name.matches("scalerhost-\\d+\\.oom"));
    }

    @Test
    void scalerhostAotOffStartsWithoutTheCache() throws Exception {
        Trained run = trained();
        run.training().requireCache();
        Path tmp = run.distribution().newWorkDirectory("aot-off-tmp");

        try (ScalerhostProcess host = java25(run, tmp, "aot-off").env("SCALERHOST_AOT", "off").start()) {
            host.stop();
            assertThat(host.log()).doesNotContain("Opened AOT cache")
                    .contains("dev.scalerhost.host.cli.Main source: file:");
        }
    }

    @Test
    void scalerhostAotNamesACacheElsewhere() throws Exception {
        Trained run = trained();
        Path elsewhere = run.distribution().newWorkDirectory("aot-elsewhere").resolve("host.aot");
        Files.copy(run.training().requireCache(), elsewhere);
        Path tmp = run.distribution().newWorkDirectory("aot-elsewhere-tmp");

        try (ScalerhostProcess host = java25(run, tmp, "aot-elsewhere").env("SCALERHOST_AOT", elsewhere.toString()).start()) {
            host.stop();
            assertThat(host.log()).contains("Opened AOT cache " + elsewhere)
                    .contains("dev.scalerhost.host.cli.Main" + FROM_CACHE);
        }
    }

    @Test
    void aStartFromACacheSkipsTheReplayOfProfilesUnlessSCALERHOST_AOT_PROFILESIsOn() throws Exception {
        Trained run = trained();
        run.training().requireCache();
        Path tmp = run.distribution().newWorkDirectory("aot-replay-tmp");

        try (ScalerhostProcess host = java25(run, tmp, "aot-replay-off")
                .env("SCALERHOST_JAVA_OPTS", "-XX:+PrintCommandLineFlags").start()) {
            host.stop();
            assertThat(host.log()).contains("-XX:AOTCache=").contains("-XX:-AOTReplayTraining")
                    .doesNotContain("-XX:+AOTReplayTraining");
        }
        try (ScalerhostProcess host = java25(run, tmp, "aot-replay-on").env("SCALERHOST_AOT_PROFILES", "on")
                .env("SCALERHOST_JAVA_OPTS", "-XX:+PrintCommandLineFlags").start()) {
            host.stop();
            // The JVM turns the replay on by itself for a cache; the flags it prints say so.
            assertThat(host.log()).contains("-XX:AOTCache=").contains("-XX:+AOTReplayTraining")
                    .doesNotContain("-XX:-AOTReplayTraining");
        }
        try (ScalerhostProcess host = java25(run, tmp, "aot-replay-bad").env("SCALERHOST_AOT_PROFILES", "yes").launch()) {
            assertThat(host.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(host.log()).contains("SCALERHOST_AOT_PROFILES is 'yes'; use on or off");
        }
    }

    @Test
    void onJava17TheLauncherLeavesACacheAloneAndStartsAsBefore() throws Exception {
        Path java17 = Path.of(System.getProperty("java.home"));
        Distribution copy = Distribution.unpacked().copy("aot-java17");
        Path cache = Files.createDirectories(copy.home().resolve("aot")).resolve(AotJdk.cacheName(java17));
        Files.writeString(cache, "not a cache: Java 17 would refuse -XX:AOTCache at once");

        try (ScalerhostProcess host = ScalerhostProcess.builder(copy).name("aot-java17").config(CONFIG)
                .env("JAVA_HOME", java17.toString())
                .env("SCALERHOST_JAVA_OPTS", "-Xlog:class+load=info")
                .start()) {
            host.stop();
            assertThat(host.log()).contains("dev.scalerhost.host.cli.Main source: file:").doesNotContain("AOTCache");
        }
    }

    @Test
    void onJava17ACacheNamedBySCALERHOST_AOTIsRefusedInWords() throws Exception {
        Distribution distribution = Distribution.unpacked();
        Path file = Files.writeString(distribution.newWorkDirectory("aot-refused").resolve("host.aot"), "x");

        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("aot-refused").config(CONFIG)
                .env("JAVA_HOME", System.getProperty("java.home"))
                .env("SCALERHOST_AOT", file.toString())
                .launch()) {
            assertThat(host.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(host.log()).contains("SCALERHOST_AOT names an AOT cache, which needs Java 24 or newer")
                    .contains("use SCALERHOST_AOT=off or set JAVA_HOME");
        }
    }

    @Test
    void aMissingCacheNamedBySCALERHOST_AOTIsRefusedInWords() {
        Distribution distribution = Distribution.unpacked();
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("aot-missing").config(CONFIG)
                .env("SCALERHOST_AOT", "/nonexistent/host.aot")
                .launch()) {
            assertThat(host.awaitExit(Duration.ofSeconds(30))).isEqualTo(1);
            assertThat(host.log()).contains("SCALERHOST_AOT is '/nonexistent/host.aot', which is not a readable file");
        }
    }

    /** A start on Java 25 that logs the cache's use and class sources, with its temporary files in {@code tmp}. */
    private static ScalerhostProcessBuilder java25(Trained run, Path tmp, String name) {
        return ScalerhostProcess.builder(run.distribution()).name(name).config(CONFIG)
                .readyTimeout(START_TIMEOUT)
                .env("JAVA_HOME", run.jdk().toString())
                .env("TMPDIR", tmp.toString())
                .env("SCALERHOST_JAVA_OPTS", "-Xlog:aot=info -Xlog:class+load=info -Djava.io.tmpdir=" + tmp);
    }

    /** Every file and directory under {@code root}, relative, with its size and modification time. */
    private static Map<String, String> tree(Path root) {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(path -> !path.equals(root)).toList()) {
                BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
                files.put(root.relativize(path).toString(), attributes.isDirectory() ? "directory"
                        : attributes.size() + " bytes, modified " + attributes.lastModifiedTime());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        return files;
    }
}
