package dev.scalerhost.host.plugin;

import dev.scalerhost.spi.MetricSourceProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.slf4j.LoggerFactory;

/**
 * Builds real plugin jars during a test: Java sources given as strings are compiled with the JDK's
 * compiler against the SPI (and SLF4J), and packed with a service file and any resources.
 *
 * <pre>{@code
 * Path jar = TestJars.jar()
 *         .source("com.acme.ConstantProvider", TestJars.constantProvider("com.acme.ConstantProvider", "constant", 42))
 *         .service("com.acme.ConstantProvider")
 *         .writeTo(pluginsDir.resolve("constant/constant.jar"));
 * }</pre>
 */
public final class TestJars {

    /** Where a plugin lists its providers. */
    public static final String SERVICE_FILE = "META-INF/services/" + MetricSourceProvider.class.getName();

    private static final Map<Contents, byte[]> BUILT = new ConcurrentHashMap<>();

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, byte[]> resources = new LinkedHashMap<>();
    private final List<String> services = new ArrayList<>();
    private final Set<String> omitted = new LinkedHashSet<>();
    private final List<Path> classpath = new ArrayList<>(List.of(locationOf(MetricSourceProvider.class),
            locationOf(LoggerFactory.class)));

    private TestJars() {
    }

    /** A new, empty jar. */
    public static TestJars jar() {
        return new TestJars();
    }

    /** Adds the source of the top-level class {@code className} (nested classes go in the same source). */
    public TestJars source(String className, String javaSource) {
        sources.put(Objects.requireNonNull(className, "className"), Objects.requireNonNull(javaSource, "javaSource"));
        return this;
    }

    /** Lists {@code providerClassNames} in the service file; without a call the jar has no service file. */
    public TestJars service(String... providerClassNames) {
        services.addAll(List.of(providerClassNames));
        return this;
    }

    /** Adds a resource, e.g. a properties file or a class file copied from elsewhere. */
    public TestJars resource(String path, byte[] content) {
        resources.put(Objects.requireNonNull(path, "path"), content.clone());
        return this;
    }

    /** Adds a text resource in UTF-8. */
    public TestJars resource(String path, String content) {
        return resource(path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Compiles against {@code entry} too (a jar or classes directory); it is not packed. */
    public TestJars compileClasspath(Path entry) {
        classpath.add(Objects.requireNonNull(entry, "entry"));
        return this;
    }

    /**
     * Leaves the compiled class {@code className} (and its nested classes) out of the jar, to make a
     * plugin whose dependency is missing at run time.
     */
    public TestJars omitClass(String className) {
        omitted.add(Objects.requireNonNull(className, "className"));
        return this;
    }

    /**
     * Compiles and writes the jar to {@code jarFile}, creating its directories; returns {@code jarFile}.
     * A jar with the same contents as one built before in this JVM is copied instead of compiled again.
     */
    public Path writeTo(Path jarFile) {
        try {
            Files.createDirectories(jarFile.toAbsolutePath().getParent());
            Contents contents = new Contents(Map.copyOf(sources), encoded(resources), List.copyOf(services),
                    Set.copyOf(omitted), List.copyOf(classpath));
            byte[] jar = BUILT.get(contents);
            if (jar == null) {
                jar = build();
                BUILT.put(contents, jar);
            }
            return Files.write(jarFile, jar);
        } catch (IOException e) {
            throw new UncheckedIOException("could not build " + jarFile, e);
        }
    }

    private byte[] build() throws IOException {
        Path classes = Files.createTempDirectory("test-jar-classes");
        try {
            compile(classes);
            ByteArrayOutputStream jar = new ByteArrayOutputStream();
            pack(classes, jar);
            return jar.toByteArray();
        } finally {
            deleteTree(classes);
        }
    }

    private static Map<String, String> encoded(Map<String, byte[]> resources) {
        Map<String, String> encoded = new LinkedHashMap<>();
        resources.forEach((path, content) -> encoded.put(path, Base64.getEncoder().encodeToString(content)));
        return encoded;
    }

    /** Everything that goes into a jar, to recognise one already built: compiling takes most of a test's time. */
    private record Contents(Map<String, String> sources, Map<String, String> resources, List<String> services,
                            Set<String> omitted, List<Path> classpath) {
    }

    /** Writes a file named like a jar that is not a zip. */
    public static Path corruptJar(Path jarFile) {
        try {
            Files.createDirectories(jarFile.toAbsolutePath().getParent());
            return Files.writeString(jarFile, "this is not a zip file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source of a provider of {@code type} whose sources measure every metric as {@code value},
     * or as the source's optional {@code value} setting. Its metrics describe themselves as
     * {@code constant <value>}; the source describes itself as {@code constant source}.
     */
    public static String constantProvider(String className, String type, double value) {
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : "package " + className.substring(0, dot) + ";\n";
        String simpleName = className.substring(dot + 1);
        return pkg + """
                import dev.scalerhost.spi.*;
                import java.util.*;

                public class %1$s implements MetricSourceProvider {
                    @Override public String type() { return "%2$s"; }
                    @Override public int spiVersion() { return SpiVersion.CURRENT; }
                    @Override public MetricSource open(Settings settings, SourceContext context) {
                        return new Source(settings.number("value", %3$s));
                    }

                    record Constant(double value) implements Metric {
                        @Override public String describe() { return "constant " + value; }
                    }

                    static final class Source implements MetricSource {
                        private final double value;
                        Source(double value) { this.value = value; }
                        @Override public Metric prepare(Settings params) { return new Constant(value); }
                        @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) {
                            Map<Metric, Reading> readings = new HashMap<>();
                            for (Metric metric : metrics) {
                                readings.put(metric, Reading.of(((Constant) metric).value()));
                            }
                            return readings;
                        }
                        @Override public String describe() { return "constant source"; }
                        @Override public void close() { }
                    }
                }
                """.formatted(simpleName, type, Double.toString(value));
    }

    private void compile(Path classes) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("building test plugins needs a JDK (javax.tools compiler), not a JRE");
        }
        if (sources.isEmpty()) {
            return;
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = sources.entrySet().stream()
                .map(source -> (JavaFileObject) new StringSource(source.getKey(), source.getValue()))
                .toList();
        List<String> options = List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", classpath.stream().map(Path::toString)
                        .collect(Collectors.joining(System.getProperty("path.separator"))));
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            Boolean ok = compiler.getTask(null, files, diagnostics, options, null, units).call();
            if (!Boolean.TRUE.equals(ok)) {
                throw new IllegalStateException("test plugin sources do not compile:\n" + diagnostics.getDiagnostics()
                        .stream().map(Object::toString).collect(Collectors.joining("\n")));
            }
        }
    }

    private void pack(Path classes, OutputStream out) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream jar = new JarOutputStream(out, manifest);
             Stream<Path> compiled = Files.walk(classes)) {
            for (Path classFile : compiled.filter(Files::isRegularFile).sorted().toList()) {
                String entry = classes.relativize(classFile).toString().replace('\\', '/');
                if (!isOmitted(entry)) {
                    write(jar, entry, Files.readAllBytes(classFile));
                }
            }
            if (!services.isEmpty()) {
                write(jar, SERVICE_FILE, (String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
                write(jar, resource.getKey(), resource.getValue());
            }
        }
    }

    private boolean isOmitted(String entry) {
        String className = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
        return omitted.stream().anyMatch(name -> className.equals(name) || className.startsWith(name + "$"));
    }

    private static void write(JarOutputStream jar, String name, byte[] content) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(content);
        jar.closeEntry();
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + type.getName(), e);
        }
    }

    /** A compilation unit held in memory. */
    private static final class StringSource extends SimpleJavaFileObject {
        private final String code;

        StringSource(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
