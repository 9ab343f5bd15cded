package dev.scalerhost.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/scalerhost finds Java, sets up the JVM as documented, and refuses bad settings clearly. */
class LauncherIT {

    /** The options bin/scalerhost starts the host with: its SLF4J provider, and SLF4J quiet about using it. */
    private static final String LAUNCHERS_PROVIDER =
            "-Dslf4j.provider=dev.scalerhost.host.logging.StdoutLoggingProvider";
    private static final String QUIET_SLF4J = "-Dslf4j.internal.verbosity=WARN";

    private final Distribution distribution = Distribution.unpacked();

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return run(command, env, null);
    }

    private static Result run(List<String> command, Map<String, String> env, File directory)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        Process process = builder.start();
        try {
            // Read all output first: the process blocks if its pipe fills up.
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("still running after 60 s: " + command + "\n" + output);
            }
            return new Result(process.exitValue(), output);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private Result launch(Map<String, String> env) throws IOException, InterruptedException {
        // A config that cannot exist makes the host stop at once, whatever its Main does with it.
        return run(List.of(distribution.launcher().toString(), "check", "--config",
                "/nonexistent/launcher-probe.yaml"), env);
    }

    @Test
    void startsTheCliMainWithHomeLogFormatAndLibClasspath() throws Exception {
        Result result = launch(Map.of("SCALERHOST_JAVA_OPTS", "-XshowSettings:properties", "SCALERHOST_LOG_FORMAT", "JSON"));
        String home = distribution.home().toString();

        assertThat(result.output())
                .contains("scalerhost.home = " + home + "\n")
                .doesNotContain("logback.configurationFile")
                .contains("scalerhost.log.format = json\n")
                .contains("slf4j.provider = dev.scalerhost.host.logging.StdoutLoggingProvider\n")
                .contains(home + "/lib/scalerhost-host-" + Distribution.version() + ".jar")
                .contains("sun.java.command = dev.scalerhost.host.cli.Main check --config /nonexistent/launcher-probe.yaml");
    }

    @Test
    void findsItsHomeThroughASymbolicLinkAndLeavesRelativeArgumentsToTheCallersDirectory() throws Exception {
        Path caller = distribution.newWorkDirectory("launcher-caller");
        Files.createSymbolicLink(caller.resolve("scalerhost"), distribution.launcher());
        Files.writeString(caller.resolve("probe.yaml"), "serviceTypes: [not, a, map]\n");

        Result result = run(List.of("./scalerhost", "check", "--config", "probe.yaml"),
                Map.of("SCALERHOST_JAVA_OPTS", "-XshowSettings:properties"), caller.toFile());

        assertThat(result.output())
                .contains("scalerhost.home = " + distribution.home() + "\n")
                .contains("user.dir = " + caller.toRealPath() + "\n")
                .contains("probe.yaml");
        assertThat(result.exitCode()).isEqualTo(2);
    }

    @Test
    void appliesSmallFootprintDefaultsThatUserOptionsOverride() throws Exception {
        Result defaults = launch(Map.of("SCALERHOST_JAVA_OPTS", "-XX:+PrintCommandLineFlags"));
        Result overridden = launch(Map.of("JAVA_OPTS", "-Xmx300m", "SCALERHOST_JAVA_OPTS", "-XX:+PrintCommandLineFlags"));

        assertThat(defaults.output()).contains("-XX:MaxHeapSize=268435456", "-XX:+UseSerialGC", "-XX:ThreadStackSize=512",
                "-XX:TieredStopAtLevel=1");
        assertThat(overridden.output()).contains("-XX:MaxHeapSize=314572800");
    }

    @Test
    void asksForTransparentHugePagesWhereTheKernelGivesThemOnRequest() throws Exception {
        Path mode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
        boolean madvise = Files.isReadable(mode) && Files.readString(mode).contains("[madvise]");

        Result defaults = launch(Map.of("SCALERHOST_JAVA_OPTS", "-XX:+PrintCommandLineFlags"));
        Result turnedOff = launch(Map.of("SCALERHOST_JAVA_OPTS",
                "-XX:+PrintCommandLineFlags -XX:-UseTransparentHugePages"));

        if (madvise) {
            assertThat(defaults.output()).contains("-XX:+UseTransparentHugePages");
        } else {
            assertThat(defaults.output()).doesNotContain("TransparentHugePages");
        }
        assertThat(turnedOff.output()).doesNotContain("-XX:+UseTransparentHugePages");
        assertThat(defaults.output()).doesNotContain("VM warning");
    }

    @Test
    void rejectsAnUnknownLogFormat() throws Exception {
        Result result = launch(Map.of("SCALERHOST_LOG_FORMAT", "xml"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).isEqualTo("scalerhost: SCALERHOST_LOG_FORMAT is 'xml'; use plain or json\n");
    }

    @Test
    void rejectsAJavaHomeWithoutJava() throws Exception {
        Result result = launch(Map.of("JAVA_HOME", "/nonexistent/jdk"));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("JAVA_HOME is /nonexistent/jdk", "Java 17+");
    }

    @Test
    void rejectsJavaOlderThan17() throws Exception {
        Path fakeJdk = distribution.newWorkDirectory("old-jdk");
        Files.createDirectories(fakeJdk.resolve("bin"));
        Path fakeJava = fakeJdk.resolve("bin/java");
        Files.writeString(fakeJava, "#!/bin/sh\nexit 0\n");
        assertThat(fakeJava.toFile().setExecutable(true)).isTrue();
        Files.writeString(fakeJdk.resolve("release"), "JAVA_VERSION=\"1.8.0_402\"\n");

        Result result = launch(Map.of("JAVA_HOME", fakeJdk.toString()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.output()).contains("is Java 1.8.0_402; Java 17 or newer is required");
    }

    @Test
    void passesAUserLogbackFileAndRefusesOneThatCannotBeRead() throws Exception {
        Path file = Files.writeString(Files.createTempFile("user-logback", ".xml"), "<configuration/>");
        try {
            Result given = launch(Map.of("SCALERHOST_JAVA_OPTS", "-XshowSettings:properties",
                    "SCALERHOST_LOG_CONFIG", file.toString()));
            Result missing = launch(Map.of("SCALERHOST_LOG_CONFIG", "/nonexistent/logback.xml"));

            assertThat(given.output()).contains("logback.configurationFile = " + file + "\n");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.output()).contains("SCALERHOST_LOG_CONFIG is /nonexistent/logback.xml, which is not a readable file");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void builtInLoggingWritesPlainOrOneJsonObjectPerLine() throws Exception {
        Result plain = runLogProbe("plain");
        Result json = runLogProbe("json");

        assertThat(plain.exitCode()).isZero();
        assertThat(plain.output()).matches("\\S+ INFO  \\[main] probe - hello \"world\"\n");
        assertThat(json.exitCode()).isZero();
        List<String> lines = json.output().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode event = new ObjectMapper().readTree(lines.get(0));
        assertThat(event.get("level").asText()).isEqualTo("INFO");
        assertThat(event.get("loggerName").asText()).isEqualTo("probe");
        assertThat(event.get("formattedMessage").asText()).isEqualTo("hello \"world\"");
        assertThat(event.has("message")).as("the template is not logged apart from its rendering").isFalse();
    }

    /**
     * Runs {@link LogProbe} on the distribution's lib/ with the host's built-in logging, as the launcher
     * does: the probe's class is copied alone, without the test resources (whose logback-test.xml
     * would take over).
     */
    private Result runLogProbe(String format) throws IOException, InterruptedException {
        return runLogProbe(format, List.of(), Map.of());
    }

    @Test
    void theLaunchersLoggingProviderWritesTheSameLinesAndWarnsOfABadLevel() throws Exception {
        List<String> provider = List.of(LAUNCHERS_PROVIDER, QUIET_SLF4J);
        Result plain = runLogProbe("plain", provider, Map.of());
        Result json = runLogProbe("json", provider, Map.of());
        Result badLevel = runLogProbe("plain", provider, Map.of("SCALERHOST_LOG_LEVEL", "loud"));

        assertThat(plain.exitCode()).isZero();
        assertThat(plain.output()).matches("\\S+ INFO  \\[main] probe - hello \"world\"\n");
        JsonNode event = new ObjectMapper().readTree(json.output().lines().findFirst().orElseThrow());
        assertThat(event.get("formattedMessage").asText()).isEqualTo("hello \"world\"");
        assertThat(badLevel.output())
                .contains("SCALERHOST_LOG_LEVEL is 'loud'; use TRACE, DEBUG, INFO, WARN, ERROR or OFF. Using INFO.")
                .contains("INFO  [main] probe - hello \"world\"");
    }

    @Test
    void theLaunchersLoggingProviderLeavesAUserFileToLogback() throws Exception {
        Path file = Files.writeString(Files.createTempFile("user-logback", ".xml"), """
                <configuration>
                  <appender name="out" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>user-file %msg%n</pattern></encoder>
                  </appender>
                  <root level="INFO"><appender-ref ref="out"/></root>
                </configuration>
                """);
        try {
            Result result = runLogProbe("plain", List.of(LAUNCHERS_PROVIDER, QUIET_SLF4J,
                    "-Dlogback.configurationFile=" + file), Map.of());

            assertThat(result.exitCode()).isZero();
            // The user's file replaces the built-in logging whole, its library levels included.
            assertThat(result.output()).isEqualTo("user-file hello \"world\"\nuser-file silenced below WARN\n");
        } finally {
            Files.delete(file);
        }
    }

    private Result runLogProbe(String format, List<String> options, Map<String, String> env)
            throws IOException, InterruptedException {
        Path probeClasses = Files.createTempDirectory("log-probe");
        String classFile = LogProbe.class.getName().replace('.', '/') + ".class";
        Path copy = probeClasses.resolve(classFile);
        Files.createDirectories(copy.getParent());
        try (var in = LogProbe.class.getClassLoader().getResourceAsStream(classFile)) {
            Files.copy(in, copy);
        }
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dscalerhost.log.format=" + format));
        command.addAll(options);
        command.addAll(List.of("-cp", distribution.lib() + "/*" + File.pathSeparator + probeClasses,
                LogProbe.class.getName()));
        try {
            return run(command, env);
        } finally {
            try (var paths = Files.walk(probeClasses)) {
                for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
