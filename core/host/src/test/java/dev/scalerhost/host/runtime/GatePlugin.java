package dev.scalerhost.host.runtime;

import dev.scalerhost.host.plugin.TestJars;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A test plugin of type {@code gate} whose calls hang while a file exists: the source setting
 * {@code gate} names the file; {@code hangIn} is {@code measure} (default) or {@code close}. A
 * measurement writes {@code <gate>.entered} when it starts, and gives the serviceType setting {@code id}.
 * Deleting the gate file lets every hanging call return.
 */
final class GatePlugin {

    static final String PROVIDER = "com.acme.gate.Gate";

    private static final String SOURCE = """
            package com.acme.gate;

            import dev.scalerhost.spi.*;
            import java.nio.file.*;
            import java.util.*;

            public class Gate implements MetricSourceProvider {
                @Override public String type() { return "gate"; }
                @Override public int spiVersion() { return SpiVersion.CURRENT; }
                @Override public MetricSource open(Settings settings, SourceContext context) {
                    return new Source(Paths.get(settings.string("gate")), settings.string("hangIn", "measure"));
                }

                record Id(int id) implements Metric {
                    @Override public String describe() { return "id " + id; }
                }

                static final class Source implements MetricSource {
                    private final Path gate;
                    private final String hangIn;

                    Source(Path gate, String hangIn) {
                        this.gate = gate;
                        this.hangIn = hangIn;
                    }

                    private void hang() {
                        // Ignores interrupts, as a plugin stuck in a native call would.
                        while (Files.exists(gate)) {
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException ignored) {
                            }
                        }
                    }

                    @Override public Metric prepare(Settings params) { return new Id(params.integer("id", 0, 0, 1000)); }
                    @Override public Map<Metric, Reading> measure(Collection<Metric> metrics, Deadline deadline)
                            throws Exception {
                        Files.writeString(gate.resolveSibling(gate.getFileName() + ".entered"), "yes");
                        if (hangIn.equals("measure")) {
                            hang();
                        }
                        Map<Metric, Reading> readings = new HashMap<>();
                        for (Metric metric : metrics) {
                            readings.put(metric, Reading.of(((Id) metric).id()));
                        }
                        return readings;
                    }
                    @Override public String describe() { return "gate " + gate.getFileName(); }
                    @Override public void close() {
                        if (hangIn.equals("close")) {
                            hang();
                        }
                    }
                }
            }
            """;

    private GatePlugin() {
    }

    /** Writes the plugin into {@code plugins/gate/gate.jar}. */
    static void writeTo(Path pluginsDirectory) {
        TestJars.jar().source(PROVIDER, SOURCE).service(PROVIDER).writeTo(pluginsDirectory.resolve("gate/gate.jar"));
    }

    /** Closes the gate {@code file}: calls of sources using it hang from now on. */
    static Path close(Path file) {
        try {
            return Files.writeString(file, "closed");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the gate: hanging calls return. */
    static void open(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean entered(Path file) {
        return Files.exists(file.resolveSibling(file.getFileName() + ".entered"));
    }
}
