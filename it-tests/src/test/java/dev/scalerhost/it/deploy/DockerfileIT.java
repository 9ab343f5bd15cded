package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalerhost.it.harness.AotJdk;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JavaRuntimeScript;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * distribution/docker/Dockerfile cannot be built here (no Docker engine), so its paths and settings
 * are checked against the built tarball, the unpacked distribution and the Kubernetes manifests.
 */
class DockerfileIT {

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Z_]+)=(\"[^\"]*\"|\\S+)");

    private final Distribution distribution = Distribution.unpacked();
    private final Path dockerDirectory = Kustomization.sourceRoot().resolve("distribution");

    /** The Dockerfile's instructions in order, continuation lines joined, comments dropped. */
    private List<String[]> instructions() throws IOException {
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(dockerDirectory.resolve("docker").resolve("Dockerfile"))) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String text = current.toString().strip();
            current.setLength(0);
            int space = text.indexOf(' ');
            instructions.add(new String[] {text.substring(0, space), text.substring(space + 1).strip()});
        }
        return instructions;
    }

    /** The instructions of each build stage, from its FROM on; the last stage is the image. */
    private List<List<String[]>> stages() throws IOException {
        List<List<String[]>> stages = new ArrayList<>();
        for (String[] instruction : instructions()) {
            if (instruction[0].equals("FROM")) {
                stages.add(new ArrayList<>());
            }
            assertThat(stages).as("an instruction before the first FROM: " + instruction[0]).isNotEmpty();
            stages.get(stages.size() - 1).add(instruction);
        }
        return stages;
    }

    private static String only(List<String[]> stage, String instruction) {
        List<String> found = stage.stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
        assertThat(found).as(instruction).hasSize(1);
        return found.get(0);
    }

    /** The image's (the last stage's) only {@code instruction}. */
    private String only(String instruction) throws IOException {
        List<List<String[]>> stages = stages();
        return only(stages.get(stages.size() - 1), instruction);
    }

    private Map<String, String> env() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher pairs = ENV_PAIR.matcher(only("ENV"));
        while (pairs.find()) {
            env.put(pairs.group(1), pairs.group(2).replace("\"", ""));
        }
        return env;
    }

    @Test
    void addUnpacksTheBuiltTarballWhoseTopDirectoryTheRunStepRenames() throws Exception {
        String[] add = only("ADD").split("\\s+");
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> tarballs = Files.newDirectoryStream(
                dockerDirectory.resolve(add[0]).getParent(), dockerDirectory.resolve(add[0]).getFileName().toString())) {
            tarballs.forEach(matches::add);
        }
        assertThat(matches).as("the build context holds exactly one tarball for " + add[0]).hasSize(1);
        assertThat(matches.get(0).getFileName().toString()).isEqualTo("scalerhost-" + Distribution.version() + ".tar.gz");
        assertThat(add[1]).isEqualTo("/opt/");
        assertThat(distribution.home().getFileName().toString()).as("the tarball's top directory")
                .isEqualTo("scalerhost-" + Distribution.version());
        assertThat(only("RUN")).contains("mv /opt/scalerhost-* " + KubernetesManifestsIT.IMAGE_HOME);
        assertThat(Files.readString(dockerDirectory.resolve(".dockerignore"))).contains("!" + add[0]);
    }

    @Test
    void entrypointWorkdirAndConfigPathMatchTheDistributionAndTheManifests() throws Exception {
        String home = KubernetesManifestsIT.IMAGE_HOME;
        assertThat(only("WORKDIR")).isEqualTo(home);
        JsonNode entrypoint = Kustomization.YAML.readTree(only("ENTRYPOINT"));
        String launcher = entrypoint.get(0).asText();
        assertThat(launcher).startsWith(home + "/");
        Path inDistribution = distribution.home().resolve(launcher.substring(home.length() + 1));
        assertThat(inDistribution).isEqualTo(distribution.launcher()).isExecutable();
        assertThat(Kustomization.YAML.readTree(only("CMD")).get(0).asText()).isEqualTo("run");

        String config = env().get("SCALERHOST_CONFIG");
        for (String form : List.of("standalone", "sidecar")) {
            Kustomization k = Kustomization.named(form);
            assertThat(config).isEqualTo(KubernetesManifestsIT.CONFIG_MOUNT + "/" + k.configMapFile().getFileName());
            assertThat(k.scalerContainer().path("image").asText()).startsWith("scalerhost:");
        }
        assertThat(distribution.plugins()).as("built-in plugins beside which users mount theirs").isDirectory();
        assertThat(distribution.config().resolve("lakerunner.yaml")).isRegularFile();
    }

    @Test
    void runsAsANumericNonRootUserAndExposesTheHostsPorts() throws Exception {
        String[] user = only("USER").split(":");
        assertThat(Integer.parseInt(user[0])).as("a numeric uid, so runAsNonRoot can verify it").isPositive();
        assertThat(Integer.parseInt(user[1])).isPositive();
        for (String form : List.of("standalone", "sidecar")) {
            JsonNode container = Kustomization.named(form).scalerContainer();
            JsonNode pod = Kustomization.named(form).deployment().path("spec").path("template").path("spec");
            int uid = container.path("securityContext").path("runAsUser")
                    .asInt(pod.path("securityContext").path("runAsUser").asInt());
            assertThat(uid).as(form + " runAsUser").isEqualTo(Integer.parseInt(user[0]));
        }
        assertThat(only("EXPOSE").split("\\s+")).containsExactly("9090", "8080");
    }

    @Test
    void aFirstStageMakesTheJavaRuntimeWithTheScriptFromTemurinsJdk25() throws Exception {
        List<List<String[]>> stages = stages();
        assertThat(stages).as("build stages").hasSize(2);
        List<String[]> runtime = stages.get(0);
        Matcher base = Pattern.compile("^eclipse-temurin:(\\d+)-jdk\\S* AS (\\S+)$").matcher(only(runtime, "FROM"));
        assertThat(base.find()).as("a Temurin JDK base image, named: " + only(runtime, "FROM")).isTrue();
        assertThat(Integer.parseInt(base.group(1))).as("its Java").isGreaterThanOrEqualTo(AotJdk.FIRST_FEATURE);
        String[] copy = only(runtime, "COPY").split("\\s+");
        assertThat(copy[0]).isEqualTo(JavaRuntimeScript.IN_BUILD_CONTEXT);
        assertThat(dockerDirectory.resolve(copy[0])).isExecutable();
        assertThat(Files.readString(dockerDirectory.resolve(".dockerignore"))).contains("!" + copy[0]);
        String[] run = only(runtime, "RUN").split("\\s+");
        assertThat(run[0]).isEqualTo(copy[1]);

        String javaHome = env().get("JAVA_HOME");
        assertThat(run).as("the script's output is the image's JAVA_HOME").containsExactly(copy[1], javaHome);
        assertThat(only("COPY")).isEqualTo("--from=" + base.group(2) + " " + javaHome + " " + javaHome);
        assertThat(env().get("PATH")).startsWith(javaHome + "/bin:");
        assertThat(env().get("LANG")).as("file names in UTF-8").isEqualTo("C.UTF-8");
    }

    @Test
    void theImageMakesTheAotCacheWithTheShippedScriptAfterSettingTheRuntimeOptions() throws Exception {
        assertThat(only("FROM")).as("the image's base").startsWith("ubuntu:");
        String script = "bin/scalerhost-aot-cache";
        assertThat(only("RUN")).contains(KubernetesManifestsIT.IMAGE_HOME + "/" + script);
        assertThat(distribution.home().resolve(script)).isExecutable();
        List<List<String[]>> stages = stages();
        List<String> order = stages.get(stages.size() - 1).stream().map(i -> i[0]).toList();
        assertThat(order.indexOf("ENV")).as("ENV before the training run, which starts the host with it")
                .isLessThan(order.indexOf("RUN"));
        assertThat(order.indexOf("COPY")).as("the Java runtime before the training run, which runs on it")
                .isLessThan(order.indexOf("RUN"));
    }

    @Test
    void theImagesHeapOptionsAreAcceptedByTheLauncherAndFollowTheMemoryLimit() throws Exception {
        String heap = env().get("SCALERHOST_HEAP_OPTS");
        assertThat(heap).contains("MaxRAMPercentage").doesNotContain("-Xmx");
        try (ScalerhostProcess check = ScalerhostProcess.builder(distribution).name("image-heap")
                .env("SCALERHOST_HEAP_OPTS", heap)
                .env("JAVA_TOOL_OPTIONS", "-XX:+PrintFlagsFinal")
                .config(ScalerhostProcess.serverSection() + "serviceTypes: {}\n")
                .arguments("plugins").launch()) {
            assertThat(check.awaitExit(Duration.ofSeconds(60))).as(check.logTail()).isZero();
            assertThat(check.log()).containsPattern("MaxRAMPercentage\\s+= 70\\.0");
        }
    }
}
