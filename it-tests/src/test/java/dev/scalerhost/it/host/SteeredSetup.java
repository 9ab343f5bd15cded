package dev.scalerhost.it.host;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A private copy of the distribution with {@link SteeredPlugin} in {@code plugins/steer/}, a
 * directory for the control files, and configs in which every serviceType has a source of its
 * own, so that a source steered to throw or hang affects only its test.
 */
final class SteeredSetup {

    /** Short, so that refreshes, staleness and recovery all fit in a few seconds. */
    static final Duration REFRESH = Duration.ofMillis(500);
    static final Duration TIMEOUT = Duration.ofSeconds(1);
    static final Duration MAX_STALENESS = Duration.ofSeconds(2);
    static final double TARGET = 10;
    static final double ACTIVATION = 5;

    private final Distribution distribution;
    private final Path controls;
    private final Map<String, Duration> timeouts = new HashMap<>();

    private SteeredSetup(Distribution distribution, Path controls) {
        this.distribution = distribution;
        this.controls = controls;
    }

    /** Copies the distribution and builds the plugin into it. */
    static SteeredSetup create(String name) {
        Distribution copy = Distribution.unpacked().copy(name);
        SteeredPlugin.writeTo(copy.plugins(), "steer");
        return new SteeredSetup(copy, copy.newWorkDirectory(name + "-controls"));
    }

    Distribution distribution() {
        return distribution;
    }

    /** The control file of {@code serviceType}. */
    Path control(String serviceType) {
        return controls.resolve(serviceType);
    }

    /** Steers {@code serviceType}'s next measurements: a number, {@code throw}, {@code fail} or {@code hang}. */
    void steer(String serviceType, String command) {
        SteeredPlugin.steer(control(serviceType), command);
    }

    /** Gives {@code serviceType}'s source {@code timeout} instead of {@link #TIMEOUT}; call before {@link #config}. */
    void timeout(String serviceType, Duration timeout) {
        timeouts.put(Objects.requireNonNull(serviceType, "serviceType"), Objects.requireNonNull(timeout, "timeout"));
    }

    /** How many {@code measure} calls included {@code serviceType} so far. */
    long measurements(String serviceType) {
        return SteeredPlugin.measurements(control(serviceType));
    }

    /**
     * A config binding each of {@code serviceTypes} to a steered source of its own
     * ({@code <serviceType>-source}) with target {@value #TARGET} and activation {@value #ACTIVATION}.
     * Steer each serviceType before the host starts.
     */
    String config(String... serviceTypes) {
        StringBuilder sources = new StringBuilder("sources:\n");
        StringBuilder bindings = new StringBuilder("serviceTypes:\n");
        for (String serviceType : serviceTypes) {
            Objects.requireNonNull(serviceType, "serviceType");
            sources.append("  ").append(serviceType).append("-source:\n")
                    .append("    type: ").append(SteeredPlugin.TYPE).append('\n')
                    .append("    refreshInterval: ").append(REFRESH.toMillis()).append("ms\n")
                    .append("    timeout: ").append(timeouts.getOrDefault(serviceType, TIMEOUT).toMillis()).append("ms\n")
                    .append("    maxStaleness: ").append(MAX_STALENESS.toMillis()).append("ms\n");
            bindings.append("  ").append(serviceType).append(":\n")
                    .append("    source: ").append(serviceType).append("-source\n")
                    .append("    control: \"").append(control(serviceType)).append("\"\n")
                    .append("    target: ").append(TARGET).append('\n')
                    .append("    activation: ").append(ACTIVATION).append('\n');
        }
        return ScalerhostProcess.serverSection() + sources + bindings;
    }

    /** Starts {@code bin/scalerhost run} with {@link #config}. */
    ScalerhostProcess start(String name, String... serviceTypes) {
        return ScalerhostProcess.builder(distribution).name(name).config(config(serviceTypes)).start();
    }
}
