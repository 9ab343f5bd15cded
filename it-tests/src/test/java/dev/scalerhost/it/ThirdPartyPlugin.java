package dev.scalerhost.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a plugin the way someone outside this repository does, following docs/writing-a-plugin.md:
 * javac against the SPI jar alone (no reactor classpath), then one jar with the classes and the
 * service file, placed as {@code <pluginsDir>/<name>/<name>.jar}.
 */
final class ThirdPartyPlugin {

    private ThirdPartyPlugin() {
    }

    /** The SPI jar that {@code ./mvnw install} would install, from this build's {@code core/spi/target}. */
    static Path spiJar(String version) {
        Path jar = Path.of("..", "core", "spi", "target", "scalerhost-spi-" + version + ".jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no SPI jar at " + jar + "; run ./mvnw -B -pl it-tests -am verify, which builds it");
        }
        return jar;
    }

    /**
     * Compiles every {@code .java} file under {@code sourceRoot} against {@code spiJar} only, and jars the
     * classes with every file under {@code resourceRoot} into {@code pluginsDir/name/name.jar}.
     */
    static Path build(Path sourceRoot, Path resourceRoot, Path spiJar, Path pluginsDir, String name, Path scratch) {
        try {
            Path classes = Files.createDirectories(scratch.resolve(name + "-classes"));
            compile(sources(sourceRoot), spiJar, classes);
            Path jar = Files.createDirectories(pluginsDir.resolve(name)).resolve(name + ".jar");
            writeJar(jar, List.of(classes, resourceRoot));
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build plugin " + name, e);
        }
    }

    /** Writes one Java source file under {@code sourceRoot}, in the directory of its package. */
    static void writeSource(Path sourceRoot, String className, String text) {
        Path file = sourceRoot.resolve(className.replace('.', '/') + ".java");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Writes {@code META-INF/services/dev.scalerhost.spi.MetricSourceProvider} naming {@code providerClass}. */
    static void writeServiceFile(Path resourceRoot, String providerClass) {
        Path file = resourceRoot.resolve("META-INF/services/dev.scalerhost.spi.MetricSourceProvider");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, providerClass + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static List<Path> sources(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> sources = files.filter(file -> file.toString().endsWith(".java")).sorted().toList();
            if (sources.isEmpty()) {
                throw new IllegalStateException("no Java sources under " + root);
            }
            return sources;
        }
    }

    private static void compile(List<Path> sources, Path spiJar, Path classes) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-Xlint:all", "-Werror",
                "-classpath", spiJar.toString(), "-d", classes.toString()));
        sources.forEach(source -> args.add(source.toString()));
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int status = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        if (status != 0) {
            throw new AssertionError("javac failed for " + sources + ":\n"
                    + diagnostics.toString(StandardCharsets.UTF_8));
        }
    }

    private static void writeJar(Path jar, List<Path> roots) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new JarEntry(root.relativize(file).toString().replace('\\', '/')));
                        Files.copy(file, out);
                        out.closeEntry();
                    }
                }
            }
        }
    }
}
