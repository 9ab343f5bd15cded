package dev.scalerhost.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/writing-a-plugin.md, followed as a plugin author outside this repository would: the install
 * command of its step 1 runs in a copy of the scalerhost tree, then the starter's sources, copied out
 * of the tree under the guide's pom (step 2), are built with the guide's packaging command (step 13),
 * tests included. Both builds use a local repository that holds nothing of {@code dev.scalerhost}:
 * a new, empty one, reading third-party artifacts (never scalerhost's) through a read-only view of the
 * build's own local repository so that they are not downloaded again.
 */
class PluginGuideIT {

    private static final Path ROOT = Path.of(System.getProperty("scalerhost.source.root")).toAbsolutePath().normalize();
    private static final Path GUIDE = ROOT.resolve("docs").resolve("writing-a-plugin.md");
    private static final long BUILD_TIMEOUT_MINUTES = 20;

    @Test
    void theGuidesCommandsBuildTheStarterOutsideTheTreeWithAnEmptyLocalRepository() throws Exception {
        String guide = Files.readString(GUIDE, StandardCharsets.UTF_8);
        String install = block(section(guide, "## 1. "), "sh").strip();
        String pom = block(section(guide, "## 2. "), "xml");
        String packaging = block(section(guide, "## 13. "), "sh").lines().findFirst().orElseThrow().strip();
        assertThat(install).as("step 1's command").startsWith("./mvnw ");
        assertThat(packaging).as("step 13's command").startsWith("mvn ");
        assertThat(pom).as("the guide's pom targets this version")
                .contains("<scalerhost.version>" + System.getProperty("scalerhost.version") + "</scalerhost.version>");

        Path work = Files.createDirectories(Path.of(System.getProperty("scalerhost.it.work")))
                .resolve("plugin-guide-" + System.nanoTime());
        Path checkout = copyTree(ROOT, work.resolve("scalerhost"));
        Path repository = Files.createDirectories(work.resolve("m2"));
        List<String> repositoryArgs = repositoryArgs(repository, work.resolve("m2-third-party"));

        List<String> installCommand = new ArrayList<>(words(install));
        installCommand.set(0, checkout.resolve("mvnw").toString());
        installCommand.addAll(repositoryArgs);
        run(installCommand, checkout, work.resolve("install.log"));
        assertThat(repository.resolve("dev/scalerhost/scalerhost-parent")).as("the parent pom, installed by step 1").isDirectory();

        Path plugin = Files.createDirectories(work.resolve("files-plugin"));
        copyTree(ROOT.resolve("plugins/starter/src"), plugin.resolve("src"));
        Files.writeString(plugin.resolve("pom.xml"), pom, StandardCharsets.UTF_8);
        List<String> packageCommand = new ArrayList<>(words(packaging));
        packageCommand.set(0, checkout.resolve("mvnw").toString());
        packageCommand.addAll(repositoryArgs);
        String output = run(packageCommand, plugin, work.resolve("package.log"));

        assertThat(output).as("the starter's tests ran in the plugin's build")
                .containsPattern("Tests run: [1-9]\\d*, Failures: 0, Errors: 0");
        try (Stream<Path> jars = Files.list(plugin.resolve("target/plugin/files"))) {
            assertThat(jars.map(jar -> jar.getFileName().toString()).toList())
                    .as("the plugin directory: the plugin's jar and no SPI or slf4j-api")
                    .containsExactly("files-plugin-1.0.0.jar");
        }
    }

    /**
     * Maven options for an empty local repository {@code head}, with a read-only tail (Maven 3.9's
     * chained local repository) that shows the build's own local repository without {@code dev/scalerhost}.
     */
    private static List<String> repositoryArgs(Path head, Path tail) throws IOException {
        List<String> args = new ArrayList<>(List.of("-Dmaven.repo.local=" + head));
        String built = System.getProperty("scalerhost.it.localRepository", "");
        Path own = built.isBlank() ? null : Path.of(built);
        if (own == null || !Files.isDirectory(own)) {
            return args;
        }
        Files.createDirectories(tail);
        try (Stream<Path> entries = Files.list(own)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("dev")) {
                    Files.createSymbolicLink(tail.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
        Path dev = own.resolve("dev");
        if (Files.isDirectory(dev)) {
            Path tailDev = Files.createDirectories(tail.resolve("dev"));
            try (Stream<Path> groups = Files.list(dev)) {
                for (Path group : groups.toList()) {
                    if (!group.getFileName().toString().equals("scalerhost")) {
                        Files.createSymbolicLink(tailDev.resolve(group.getFileName().toString()), group);
                    }
                }
            }
        }
        args.add("-Dmaven.repo.local.tail=" + tail);
        return args;
    }

    private static String run(List<String> command, Path directory, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        // The outer build's own Maven settings must not leak into the guide's commands.
        environment.remove("MAVEN_ARGS");
        environment.remove("MAVEN_PROJECTBASEDIR");
        Process process = builder.start();
        if (!process.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(process.isAlive() ? -1 : process.exitValue()).as("exit code of %s in %s; its output ends:\n%s",
                String.join(" ", command), directory, tail(output)).isZero();
        return output;
    }

    /** The text of {@code guide} from the heading that starts with {@code heading} to the next "## ". */
    private static String section(String guide, String heading) {
        int start = guide.indexOf("\n" + heading);
        assertThat(start).as("section '%s' of the guide", heading).isNotNegative();
        int end = guide.indexOf("\n## ", start + 1);
        return guide.substring(start, end < 0 ? guide.length() : end);
    }

    /** The first fenced code block of {@code language} in {@code text}. */
    private static String block(String text, String language) {
        Matcher matcher = Pattern.compile("```" + language + "\\n(.*?)```", Pattern.DOTALL).matcher(text);
        assertThat(matcher.find()).as("a ```%s block in:\n%s", language, text).isTrue();
        return matcher.group(1);
    }

    private static List<String> words(String command) {
        return Arrays.asList(command.split("\\s+"));
    }

    /** Copies {@code from} to {@code to}, leaving out build output and version control. */
    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.filter(path -> !excluded(from.relativize(path))).forEach(path -> {
                try {
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return to;
    }

    private static boolean excluded(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (name.equals("target") || name.equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
}
