package dev.scalerhost.host.cli;

import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.runtime.HostLoader;
import dev.scalerhost.host.runtime.LoadedHost;
import dev.scalerhost.host.runtime.RunningHost;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code scalerhost run}: serve until SIGTERM, loading the configuration file again when it changes or on SIGHUP. */
final class RunCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private RunCommand() {
    }

    static int run(CommandLine line, Environment environment, StopSignal stop) throws InterruptedException {
        StartWarmup.start();
        try (HostServices services = new HostServices()) {
            Path file = line.config().orElseThrow();
            HostLoader loader = services.loader(environment, line.pluginsDir());
            LoadedHost loaded;
            try {
                loaded = loader.load(file);
            } catch (ConfigException e) {
                environment.err().println(e.getMessage());
                return ExitCode.INVALID;
            }
            RunningHost host;
            try {
                // Reloads work from the moment the host is ready: a SIGHUP or a changed file right
                // after the first /readyz 200 used to find no handler (and end the process) or no watch.
                host = RunningHost.start(loaded, services.metrics, services.clock, started -> {
                    started.watch(file, loader);
                    ReloadSignal.install(started);
                });
            } catch (IOException e) {
                LOG.error("cannot start: {}", e.getMessage());
                return ExitCode.FAILED;
            }
            LOG.info("ready in {} ms: {} serviceTypes from {} sources; gRPC on port {}, HTTP on port {}",
                    ManagementFactory.getRuntimeMXBean().getUptime(), loaded.serviceTypes().size(),
                    loaded.sources().size(), host.grpcPort(), host.httpPort());
            try {
                // Not needed to be ready, so set up after it rather than before.
                services.metrics.prepareJvmMetrics();
                stop.await();
            } finally {
                host.close();
            }
            return ExitCode.OK;
        }
    }
}
