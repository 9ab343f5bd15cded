package dev.scalerhost.host.cli;

import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.plugin.PluginCalls;
import dev.scalerhost.host.runtime.HostLoader;
import dev.scalerhost.host.runtime.LoadedHost;
import dev.scalerhost.host.threads.DaemonThreads;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The process-wide services commands share: metrics registry, clock, and the sources' scheduler. */
final class HostServices implements AutoCloseable {

    final HostMetrics metrics = new HostMetrics().withJvmMetrics();
    final Clock clock = Clock.systemUTC();
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, DaemonThreads.named("scalerhost-sources"));

    HostServices() {
        PluginCalls.publishTo(metrics);
    }

    LoadedHost load(Environment environment, Path config, Optional<Path> pluginsDir) throws ConfigException {
        return loader(environment, pluginsDir).load(config);
    }

    HostLoader loader(Environment environment, Optional<Path> pluginsDir) {
        return new HostLoader(environment.env()::get, environment.home(), pluginsDir, metrics, clock, scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
