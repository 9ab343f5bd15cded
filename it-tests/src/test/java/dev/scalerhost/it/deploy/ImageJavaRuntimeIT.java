package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.AotJdk;
import dev.scalerhost.it.harness.AotTraining;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JavaRuntimeScript;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The container image's Java runtime, made here by {@code distribution/docker/java-runtime} from the
 * local Java 25 ({@link AotJdk}) as the image's first stage makes it from Temurin's: the JDK's modules
 * but its development tools and {@code jdk.localedata}; then, as the image's second stage does, the
 * AOT cache made on it by the training run, and a start from that cache that answers KEDA.
 */
class ImageJavaRuntimeIT {

    /** Modules the host, its built-in plugins' libraries (jdeps, docs/benchmarks.md) or operators use. */
    private static final List<String> KEPT = List.of("java.se", "java.net.http", "java.sql", "java.naming",
            "java.management", "java.security.jgss", "java.security.sasl", "java.transaction.xa", "jdk.unsupported",
            "jdk.management", "jdk.jfr", "jdk.jcmd", "jdk.crypto.cryptoki", "jdk.security.auth", "jdk.security.jgss",
            "jdk.naming.dns", "jdk.charsets", "jdk.zipfs", "jdk.net", "jdk.httpserver");
    private static final List<String> LEFT_OUT = List.of("jdk.localedata", "jdk.compiler", "jdk.javadoc", "jdk.jshell",
            "jdk.jlink", "jdk.jdeps", "jdk.jartool", "jdk.jpackage", "jdk.hotspot.agent", "jdk.jdi");
    private static final Pattern AVAILABLE_LOCALES = Pattern.compile("available locales = ([^\\n]*(?:\\n {8}[^\\n]*)*)");
    private static final String FROM_CACHE = " source: shared objects file";

    private static Made made;

    private record Made(Path jdk, Path runtime, Distribution distribution) {
    }

    private static synchronized Made made() {
        Path jdk = AotJdk.require();
        if (made == null) {
            Distribution copy = Distribution.unpacked().copy("image-runtime");
            Path runtime = JavaRuntimeScript.make(jdk, copy.newWorkDirectory("image-java").resolve("openjdk"));
            made = new Made(jdk, runtime, copy);
        }
        return made;
    }

    @Test
    void theRuntimeHasTheJdksModulesButTheDevelopmentToolsAndTheLocaleData() {
        Made run = made();
        Set<String> jdk = modules(run.jdk());
        Set<String> runtime = modules(run.runtime());

        assertThat(jdk).contains("jdk.localedata", "jdk.compiler");
        assertThat(runtime).as("a subset of the JDK's").isSubsetOf(jdk).containsAll(KEPT).doesNotContainAnyElementsOf(LEFT_OUT);
        assertThat(AotJdk.version(run.runtime())).isEqualTo(AotJdk.version(run.jdk()));
        assertThat(run.runtime().resolve("bin").resolve("jcmd")).isExecutable();
        assertThat(run.runtime().resolve("bin").resolve("javac")).doesNotExist();
        assertThat(run.runtime().resolve("lib").resolve("server").resolve("classes.jsa"))
                .as("the default class data archive, for starts with SCALERHOST_AOT=off").isRegularFile();
        assertThat(run.runtime().resolve("include")).doesNotExist();
    }

    @Test
    void itListsOnlyTheLocalesOfJavaBaseWhereTheJdkListsHundreds() {
        Made run = made();
        List<String> full = availableLocales(run.jdk());
        List<String> runtime = availableLocales(run.runtime());

        assertThat(full).hasSizeGreaterThan(500);
        assertThat(runtime).contains("en", "en_US").hasSizeLessThan(10)
                .allMatch(locale -> locale.isEmpty() || locale.startsWith("en"), "English or the root locale");
    }

    @Test
    void theTrainingRunMakesTheCacheOnItAndAStartFromTheCacheAnswersKeda() throws Exception {
        Made run = made();
        Path cache = AotTraining.run(run.distribution(), run.runtime(),
                run.distribution().newWorkDirectory("image-training-tmp")).requireCache();

        try (MetricsEndpoint pipeline = MetricsEndpoint.start().set("queue_depth", 42);
                ScalerhostProcess host = ScalerhostProcess.builder(run.distribution()).name("image-runtime")
                        .config(ScalerhostProcess.serverSection() + """
                                sources:
                                  pipeline:
                                    type: metrics-endpoint
                                    url: %s
                                serviceTypes:
                                  queue:
                                    source: pipeline
                                    metric: queue_depth
                                    target: 10
                                """.formatted(pipeline.url()))
                        .readyTimeout(Duration.ofSeconds(90))
                        .env("JAVA_HOME", run.runtime().toString())
                        .env("SCALERHOST_JAVA_OPTS", "-Xlog:aot=info -Xlog:class+load=info")
                        .start();
                KedaClient keda = KedaClient.connect(host.grpcPort())) {
            KedaClient.Poll poll = keda.poll("queue");
            assertThat(poll.value()).isEqualTo(42.0);
            assertThat(poll.target()).isEqualTo(10.0);
            host.stop();
            assertThat(host.log()).contains("Opened AOT cache " + cache)
                    .contains("dev.scalerhost.host.cli.Main" + FROM_CACHE)
                    .containsPattern("dev\\.scalerhost\\.plugin\\.prometheus\\.\\S+" + FROM_CACHE)
                    .doesNotContain("not the one used while building");
        }
    }

    /** The module names {@code java --list-modules} of {@code home} prints. */
    private static Set<String> modules(Path home) {
        Set<String> names = new TreeSet<>();
        for (String line : run(home, "--list-modules").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip().replaceFirst("@.*", ""));
            }
        }
        return names;
    }

    /** The locales {@code java -XshowSettings:locale} of {@code home} lists as available. */
    private static List<String> availableLocales(Path home) {
        String settings = run(home, "-XshowSettings:locale", "-version");
        Matcher list = AVAILABLE_LOCALES.matcher(settings);
        assertThat(list.find()).as("the available locales in:\n" + settings).isTrue();
        return Arrays.stream(list.group(1).split(",")).map(String::strip).toList();
    }

    private static String run(Path home, String... arguments) {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve("java").toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", command)).isZero();
            return new String(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
