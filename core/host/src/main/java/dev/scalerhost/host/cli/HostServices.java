package dev.scalerhost.host.cli;

import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.metrics.JvmMetrics;
import dev.scalerhost.host.runtime.HostLoader;
import dev.scalerhost.host.runtime.LoadedHost;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The process-wide services commands share: metrics registry, clock, and the sources' scheduler. */
final class HostServices implements AutoCloseable {

    final HostMetrics metrics = new HostMetrics();
    final Clock clock = Clock.systemUTC();
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1, daemonThreads("scalerhost-sources"));

    HostServices() {
        JvmMetrics.register(metrics);
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

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
