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

/**
 * {@link BareScalerServer} in a child JVM started with the same default JVM options as
 * {@code bin/scalerhost} (read from the launcher's {@code default_opts} list), so that heap, collector
 * and compiler settings are equal on both sides of the comparison.
 */
final class BaselineProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final List<String> jvmOptions;

    private BaselineProcess(Process process, int port, List<String> jvmOptions) {
        this.process = process;
        this.port = port;
        this.jvmOptions = jvmOptions;
    }

    static BaselineProcess start(Distribution distribution) throws IOException {
        List<String> options = launcherDefaults(distribution.launcher());
        int port = FreePorts.one();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BareScalerServer.class.getName(),
                Integer.toString(port)));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BaselineProcess baseline = new BaselineProcess(process, port, options);
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.equals(BareScalerServer.READY_LINE + port)) {
                throw new IOException("the bare server did not start; it said: " + line);
            }
            return baseline;
        } catch (IOException | RuntimeException e) {
            baseline.close();
            throw e;
        }
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

    /** The options between {@code default_opts=(} and {@code )} in the launcher script. */
    static List<String> launcherDefaults(Path launcher) {
        List<String> options = new ArrayList<>();
        boolean inside = false;
        try {
            for (String line : Files.readAllLines(launcher, StandardCharsets.UTF_8)) {
                String text = line.strip();
                if (text.startsWith("default_opts=(")) {
                    inside = true;
                } else if (inside && text.equals(")")) {
                    return List.copyOf(options);
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
