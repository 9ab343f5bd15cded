package dev.scalerhost.it.host;

import dev.scalerhost.host.plugin.TestJars;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;

/**
 * Broken plugins built from the sources below into a distribution's {@code plugins/}, beside a
 * healthy one:
 *
 * <ul>
 *   <li>{@code hostile/}: type {@value #TYPE}; the source setting {@code mode} picks how it misbehaves
 *       ({@link #MODES}, or {@code oom}: exhausts the heap); it reads the source setting {@code password} with {@code Settings.secret}
 *       and quotes it in its failures;</li>
 *   <li>{@code healthy/}: type {@code healthy}, every metric measures {@value #HEALTHY_VALUE};</li>
 *   <li>{@code future-spi/}: built for an SPI version this host does not have;</li>
 *   <li>{@code java21/}: class files for Java 21 (major version 65), which a Java 17 JVM cannot load;</li>
 *   <li>{@code corrupt/}: a jar that is not a zip file.</li>
 * </ul>
 */
final class HostilePlugins {

    static final String TYPE = "hostile";
    static final double HEALTHY_VALUE = 42;
    /** Each mode's behaviour: see {@link #SOURCE}. */
    static final String[] MODES = {
        "hang", "close-hangs", "throw-secret", "fail-secret", "null", "nan", "stackoverflow", "missing-class"};

    private static final String SOURCE = """
            package com.acme.hostile;

            import dev.scalerhost.spi.*;
            import java.util.*;

            public class Hostile implements MetricSourceProvider {
                @Override public String type() { return "hostile"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    return new Source(settings.string("mode", "hang"), settings.secret("password").orElse(""));
                }

                record Named(String name) implements Metric {
                    @Override public String describe() { return "hostile " + name; }
                }

                /** Sleeps forever, ignoring interrupts, as a call stuck in native code or a lost lock would. */
                static void forever() {
                    while (true) {
                        try {
                            Thread.sleep(60_000);
                        } catch (InterruptedException ignored) {
                        }
                    }
                }

                static int recurse(int depth) {
                    return recurse(depth + 1) + 1;
                }

                static final class Source implements MetricSource {
                    private final String mode;
                    private final String password;

                    Source(String mode, String password) {
                        this.mode = mode;
                        this.password = password;
                    }

                    @Override public Metric prepare(Settings params) {
                        return new Named(params.string("name", "metric"));
                    }

                    @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline) {
                        Map<Metric, Reading> readings = new HashMap<>();
                        switch (mode) {
                            case "hang": forever(); break;
                            case "throw-secret":
                                throw new IllegalStateException("FATAL: password authentication failed for " + password);
                            case "null": return null;
                            case "stackoverflow": recurse(0); break;
                            case "missing-class": return com.acme.hostile.Gone.readings(metrics);
                            case "oom":
                                List<long[]> hoard = new ArrayList<>();
                                while (true) {
                                    hoard.add(new long[1 << 20]);
                                }
                            default: break;
                        }
                        for (Metric metric : metrics) {
                            switch (mode) {
                                case "fail-secret": readings.put(metric, Reading.failure("login as scaler/" + password + " refused")); break;
                                case "nan": readings.put(metric, Reading.of(Double.NaN)); break;
                                default: readings.put(metric, Reading.of(7));
                            }
                        }
                        return readings;
                    }

                    @Override public String describe() { return "hostile " + mode; }

                    @Override public void close() {
                        if (mode.equals("close-hangs")) {
                            forever();
                        }
                    }
                }
            }
            """;

    /** Left out of the jar: using it fails with NoClassDefFoundError. */
    private static final String GONE = """
            package com.acme.hostile;

            import dev.scalerhost.spi.*;
            import java.util.*;

            public class Gone {
                public static Map<Metric, Reading> readings(Collection<Metric> metrics) { return Map.of(); }
            }
            """;

    private static final String FUTURE_SPI = """
            package com.acme.future;

            import dev.scalerhost.spi.*;

            public class Future implements MetricSourceProvider {
                @Override public String type() { return "future"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT + 41; }
                @Override public MetricSource open(Settings settings, SourceContext context) { return null; }
            }
            """;

    private HostilePlugins() {
    }

    /** Builds every plugin into {@code plugins}. */
    static void writeTo(Path plugins) {
        TestJars.jar().source("com.acme.hostile.Hostile", SOURCE).source("com.acme.hostile.Gone", GONE)
                .omitClass("com.acme.hostile.Gone").service("com.acme.hostile.Hostile")
                .writeTo(plugins.resolve("hostile/hostile.jar"));
        TestJars.jar().source("com.acme.healthy.Healthy",
                        TestJars.constantProvider("com.acme.healthy.Healthy", "healthy", HEALTHY_VALUE))
                .service("com.acme.healthy.Healthy").writeTo(plugins.resolve("healthy/healthy.jar"));
        TestJars.jar().source("com.acme.future.Future", FUTURE_SPI).service("com.acme.future.Future")
                .writeTo(plugins.resolve("future-spi/future.jar"));
        Path java17 = TestJars.jar().source("com.acme.modern.Modern",
                        TestJars.constantProvider("com.acme.modern.Modern", "modern", 1))
                .service("com.acme.modern.Modern").writeTo(plugins.resolve("java21/modern.tmp"));
        asJava21(java17, plugins.resolve("java21/modern.jar"));
        TestJars.corruptJar(plugins.resolve("corrupt/corrupt.jar"));
    }

    /** Copies {@code jar}, marking every class file as Java 21's (class file major version 65), and deletes it. */
    private static void asJava21(Path jar, Path target) {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar));
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), in.getManifest())) {
            for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                byte[] content = readAll(in);
                if (entry.getName().endsWith(".class")) {
                    content[6] = 0;
                    content[7] = 65;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
            Files.delete(jar);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewrite " + jar, e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }
}
