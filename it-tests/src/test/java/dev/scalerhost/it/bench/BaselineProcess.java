package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@link BareScalerServer} in a child JVM started with the same default JVM options as
 * {@code bin/scalerhost} (read from the launcher's {@code default_opts} list), so that heap, collector
 * and compiler settings are equal on both sides of the comparison.
 */
final class BaselineProcess implements AutoCloseable {

    private static final Pattern HEAP_DEFAULT =
            Pattern.compile("read -r -a heap_opts <<<\"\\$\\{SCALERHOST_HEAP_OPTS:-(.*)}\"");
    private static final String HEAP_OPTS = "\"${heap_opts[@]}\"";
    private static final String THP_OPTS = "\"${thp_opts[@]}\"";
    private static final Path THP_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    /** grpc-java's server with Netty, protobuf and what they need, and the ExternalScaler service. */
    private static final Pattern BARE_SERVER_JARS = Pattern.compile(
            "(grpc-(api|context|core|netty-shaded|protobuf|protobuf-lite|stub|util)|protobuf-java|guava|failureaccess"
                    + "|perfmark-api|scalerhost-proto)-\\d.*\\.jar");

    private final Process process;
    private final int port;
    private final List<String> jvmOptions;

    private BaselineProcess(Process process, int port, List<String> jvmOptions) {
        this.process = process;
        this.port = port;
        this.jvmOptions = jvmOptions;
    }

    static BaselineProcess start(Distribution distribution) throws IOException {
        return start(distribution, List.of());
    }

    /** As {@link #start(Distribution)}, with {@code extraOptions} after the launcher's (e.g. a flight recording). */
    static BaselineProcess start(Distribution distribution, List<String> extraOptions) throws IOException {
        List<String> options = launcherDefaults(distribution.launcher());
        int port = FreePorts.one();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(extraOptions);
        command.addAll(List.of("-cp", classPath(distribution), BareScalerServer.class.getName(),
                Integer.toString(port)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BaselineProcess baseline = new BaselineProcess(process, port, options);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && line.startsWith("[")) {
                // The JVM's own log lines (e.g. a flight recording starting) come before ours.
                line = out.readLine();
            }
            if (line == null || !line.equals(BareScalerServer.READY_LINE + port)) {
                throw new IOException("the bare server did not start; it said: " + line);
            }
            return baseline;
        } catch (IOException | RuntimeException e) {
            baseline.close();
            throw e;
        }
    }

    /**
     * Only what the bare server needs: the jars of grpc-java, protobuf and the generated service from
     * the distribution's {@code lib/} (the very files the host starts with) and the directory of the
     * server's own class. Not the benchmark's class path: its 180 entries (Kafka, Testcontainers,
     * browsers' drivers...) made the JVM open jars the server never uses, and its start about 0.15 s
     * slower than the least a JVM serving KEDA's gRPC needs (docs/benchmarks.md).
     */
    static String classPath(Distribution distribution) throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> lib = Files.list(distribution.lib())) {
            lib.filter(jar -> BARE_SERVER_JARS.matcher(jar.getFileName().toString()).matches())
                    .sorted()
                    .forEach(jar -> entries.add(jar.toString()));
        }
        try {
            entries.add(Path.of(BareScalerServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        } catch (java.net.URISyntaxException e) {
            throw new IOException("cannot tell where the bare server's class is", e);
        }
        return String.join(java.io.File.pathSeparator, entries);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    List<String> jvmOptions() {
        return jvmOptions;
    }

    /**
     * The options between {@code default_opts=(} and {@code )} in the launcher script, with
     * {@code "${heap_opts[@]}"} replaced by the default heap options the launcher reads into it
     * ({@code read -r -a heap_opts <<<"${SCALERHOST_HEAP_OPTS:--Xms16m -Xmx256m}"}), and
     * {@code "${thp_opts[@]}"} by what the launcher puts there on this machine.
     */
    static List<String> launcherDefaults(Path launcher) {
        List<String> options = new ArrayList<>();
        List<String> heap = List.of();
        boolean inside = false;
        try {
            for (String line : Files.readAllLines(launcher, StandardCharsets.UTF_8)) {
                String text = line.strip();
                Matcher heapDefault = HEAP_DEFAULT.matcher(text);
                if (heapDefault.matches()) {
                    heap = List.of(heapDefault.group(1).strip().split("\\s+"));
                } else if (text.startsWith("default_opts=(")) {
                    inside = true;
                } else if (inside && text.equals(")")) {
                    return List.copyOf(options);
                } else if (inside && text.equals(HEAP_OPTS)) {
                    options.addAll(heap);
                } else if (inside && text.equals(THP_OPTS)) {
                    options.addAll(transparentHugePageOptions());
                } else if (inside && text.startsWith("-")) {
                    options.add(text);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + launcher, e);
        }
        throw new IllegalStateException("no default_opts=( ... ) list in " + launcher
                + "; the benchmark needs it to start its baseline with the launcher's JVM options");
    }

    /** As the launcher: huge pages on request where the kernel's mode is {@code madvise}. */
    private static List<String> transparentHugePageOptions() throws IOException {
        boolean madvise = Files.isReadable(THP_MODE) && Files.readString(THP_MODE).contains("[madvise]");
        return madvise ? List.of("-XX:+UseTransparentHugePages") : List.of();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
