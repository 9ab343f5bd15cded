package dev.scalerhost.it.host;

import dev.scalerhost.host.plugin.TestJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A test plugin of type {@value #TYPE} that a test steers from outside the host process, through
 * one file per serviceType: the binding setting {@code control} names a file whose content decides
 * what the next measurement gives.
 *
 * <ul>
 *   <li>a number: that value;</li>
 *   <li>{@code throw}: {@code measure} throws, failing the source's whole batch;</li>
 *   <li>{@code fail}: a {@code Reading.failure} for this metric alone;</li>
 *   <li>{@code hang}: {@code measure} blocks until the content changes or the source is closed.</li>
 * </ul>
 *
 * <p>Every {@code measure} call that includes a metric increments that metric's count, written to
 * {@code <control>.count} before the behaviour is applied (so throwing calls count too) and shown
 * as the detail {@code measurements} of each value in {@code /status}. The provider also accepts
 * KEDA-style {@code threshold} / {@code activationThreshold} as aliases of target and activation.
 */
final class SteeredPlugin {

    static final String TYPE = "steer";
    static final String PROVIDER = "com.acme.steer.SteeredProvider";

    static final String SOURCE = """
            package com.acme.steer;

            import dev.scalerhost.spi.*;
            import java.nio.charset.StandardCharsets;
            import java.nio.file.*;
            import java.util.*;
            import java.util.concurrent.atomic.AtomicLong;

            public class SteeredProvider implements MetricSourceProvider {
                @Override public String type() { return "steer"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public Map<String, String> bindingKeyAliases() {
                    return Map.of("threshold", "target", "activationThreshold", "activation");
                }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    return new Source(settings.string("label", context.sourceName()));
                }

                record Control(Path file, AtomicLong count) implements Metric {
                    @Override public String describe() { return "steered by " + file.getFileName(); }
                }

                static final class Source implements MetricSource {
                    private final String label;
                    private volatile boolean closed;

                    Source(String label) { this.label = label; }

                    @Override public Metric prepare(Settings params) {
                        String file = params.string("control");
                        return file == null ? null : new Control(Paths.get(file), new AtomicLong());
                    }

                    @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline)
                            throws Exception {
                        Map<Metric, Reading> readings = new HashMap<>();
                        for (Metric metric : metrics) {
                            Control control = (Control) metric;
                            long count = control.count().incrementAndGet();
                            Path countFile = control.file().resolveSibling(control.file().getFileName() + ".count");
                            Path temp = Files.createTempFile(control.file().getParent(), "count", ".tmp");
                            Files.writeString(temp, Long.toString(count));
                            Files.move(temp, countFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                            String command = read(control.file());
                            while (command.equals("hang") && !closed) {
                                Thread.sleep(20);
                                command = read(control.file());
                            }
                            switch (command) {
                                case "throw": throw new IllegalStateException("steered to throw by " + control.file().getFileName());
                                case "fail": readings.put(metric, Reading.failure("steered to fail")); break;
                                default:
                                    readings.put(metric, Reading.of(Double.parseDouble(command))
                                            .withDetail("measurements", count));
                            }
                        }
                        return readings;
                    }

                    private static String read(Path file) throws java.io.IOException {
                        return Files.readString(file, StandardCharsets.UTF_8).strip();
                    }

                    @Override public String describe() { return "steered source " + label; }
                    @Override public void close() { closed = true; }
                }
            }
            """;

    private SteeredPlugin() {
    }

    /** Writes the plugin into {@code plugins/<directory>/steer.jar}. */
    static Path writeTo(Path pluginsDirectory, String directory) {
        return TestJars.jar().source(PROVIDER, SOURCE).service(PROVIDER)
                .writeTo(pluginsDirectory.resolve(directory).resolve("steer.jar"));
    }

    /** Steers the next measurements of the binding whose {@code control} is {@code file}; atomic for the plugin. */
    static void steer(Path file, String command) {
        try {
            Path temp = Files.createTempFile(file.getParent(), "steer", ".tmp");
            Files.writeString(temp, command, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** How many {@code measure} calls included the binding whose {@code control} is {@code file}. */
    static long measurements(Path file) {
        try {
            return Long.parseLong(Files.readString(file.resolveSibling(file.getFileName() + ".count")).strip());
        } catch (NoSuchFileException notYet) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the count of " + file, e);
        }
    }
}
