package dev.scalerhost.it.harness;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Configures and starts one {@link ScalerhostProcess}. */
public final class ScalerhostProcessBuilder {
    private final Distribution distribution;
    private final Map<String, String> env = new LinkedHashMap<>();
    private String name = "scalerhost";
    private String config;
    private List<String> command;
    private Duration readyTimeout = ScalerhostProcess.DEFAULT_READY_TIMEOUT;
    private boolean configMapVolume;

    ScalerhostProcessBuilder(Distribution distribution) {
        this.distribution = Objects.requireNonNull(distribution, "distribution");
    }

    /** Names the work directory, e.g. after the test. */
    public ScalerhostProcessBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The whole config file, with the tokens described on {@link ScalerhostProcess}. */
    public ScalerhostProcessBuilder config(String yaml) {
        this.config = Objects.requireNonNull(yaml, "yaml");
        return this;
    }

    public ScalerhostProcessBuilder env(String variable, String value) {
        env.put(Objects.requireNonNull(variable, "variable"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * The launcher's arguments instead of {@code run --config FILE}; the token {@code @CONFIG@}
     * stands for the written config file.
     */
    public ScalerhostProcessBuilder arguments(String... arguments) {
        this.command = List.of(arguments);
        return this;
    }

    /**
     * Writes the config file the way Kubernetes mounts a ConfigMap: {@code config/scalerhost.yaml}
     * is a symlink through {@code config/..data}, itself a symlink to a versioned directory, so
     * that {@link ScalerhostProcess#updateConfig} can swap versions as the kubelet does.
     */
    public ScalerhostProcessBuilder configMapVolume() {
        this.configMapVolume = true;
        return this;
    }

    public ScalerhostProcessBuilder readyTimeout(Duration timeout) {
        this.readyTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /** Starts the process and waits until {@code /readyz} says 200. */
    public ScalerhostProcess start() {
        ScalerhostProcess process = launch();
        try {
            return process.awaitReady(readyTimeout);
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
    }

    /** Starts the process without waiting for it, e.g. to watch it fail. */
    public ScalerhostProcess launch() {
        if (config == null) {
            throw new IllegalStateException("no config: call config(yaml) first");
        }
        List<Integer> ports = FreePorts.take(2);
        Path work = distribution.newWorkDirectory(name);
        Path configFile = configMapVolume ? work.resolve("config").resolve("scalerhost.yaml") : work.resolve("scalerhost.yaml");
        Path logFile = work.resolve("scalerhost.log");
        ConfigWriter writer = new ConfigWriter(configFile, configMapVolume, Map.of(
                "@GRPC_PORT@", Integer.toString(ports.get(0)),
                "@HTTP_PORT@", Integer.toString(ports.get(1)),
                "@PLUGINS_DIR@", distribution.plugins().toString(),
                "@WORK_DIR@", work.toString()));
        List<String> argv = new ArrayList<>();
        argv.add(distribution.launcher().toString());
        if (command == null) {
            argv.addAll(List.of("run", "--config", configFile.toString()));
        } else {
            command.forEach(arg -> argv.add(arg.replace("@CONFIG@", configFile.toString())));
        }
        try {
            writer.write(config);
            ProcessBuilder builder = new ProcessBuilder(argv)
                    .directory(work.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            return new ScalerhostProcess(process, work, writer, logFile, ports.get(0), ports.get(1));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + argv, e);
        }
    }
}
