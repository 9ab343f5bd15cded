package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.SafeText;
import dev.scalerhost.host.logging.LogFormat;
import dev.scalerhost.host.runtime.RunningHost.Retired;
import dev.scalerhost.host.status.ReloadStatus;
import dev.scalerhost.host.watch.FileWatcher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the configuration file again when its content changes (Kubernetes' ConfigMap symlink swap
 * included) or when asked (SIGHUP), and swaps it in while the ports stay open. An invalid file is
 * rejected with all its problems logged and shown in {@code /status}; the previous configuration
 * keeps serving. Sources whose settings did not change keep their connections. The replaced engine
 * finishes the calls that started on it before it and the sources no longer used are closed.
 *
 * <p>Everything runs on one thread, so reloads never overlap.
 */
final class ConfigReloader implements AutoCloseable {

    static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);
    private static final Duration DRAIN_MARGIN = Duration.ofSeconds(1);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Path file;
    private final HostLoader loader;
    private final RunningHost host;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final List<Retired> retiring = new ArrayList<>();
    private volatile ReloadStatus status;

    /** A reloader that loads {@code file} only when asked; {@link #start} also watches it. */
    ConfigReloader(Path file, HostLoader loader, RunningHost host, Clock clock) {
        this.file = file;
        this.loader = loader;
        this.host = host;
        this.clock = clock;
        this.status = new ReloadStatus(file.toString(), clock.instant(), 0, null, null, List.of());
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "scalerhost-config-reload");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Watches {@code file}, whose content {@code host} serves now. */
    static ConfigReloader start(Path file, HostLoader loader, RunningHost host, Clock clock) {
        ConfigReloader reloader = new ConfigReloader(file, loader, host, clock);
        new FileWatcher(List.of(file), () -> reloader.reload("the file changed")).start(reloader.executor, POLL_INTERVAL);
        log.info("watching {} for changes; SIGHUP loads it again at once", file);
        return reloader;
    }

    ReloadStatus status() {
        return status;
    }

    /** Loads the file again soon, on the reload thread; {@code why} goes to the log. */
    void requestReload(String why) {
        try {
            executor.execute(() -> reload(why));
        } catch (RejectedExecutionException stopping) {
            log.info("not reloading ({}): the host is stopping", why);
        }
    }

    /** Loads the file again and serves it if it is valid; on the reload thread, or a test's. */
    void reload(String why) {
        Instant at = clock.instant();
        LoadedHost running = host.generation().loaded();
        LoadedHost next;
        try {
            next = loader.reload(file, running);
        } catch (ConfigException e) {
            rejected(why, at, e.getMessage());
            return;
        } catch (RuntimeException e) {
            rejected(why, at, "loading failed: " + SafeText.describe(e));
            return;
        }
        Retired retired;
        try {
            retired = host.replace(next);
        } catch (RuntimeException e) {
            LoadedHost.closeSources(notIn(next.sources(), running.sources()));
            rejected(why, at, "cannot serve the new configuration: " + SafeText.describe(e));
            return;
        }
        LogFormat.apply(next.config().server().logFormat());
        retire(retired);
        List<String> pending = pendingRestart(host.initial().config(), next.config());
        List<String> reopened = ReloadSummary.reopened(running, next);
        status = new ReloadStatus(file.toString(), at, status.reloads() + 1, at, null, pending,
                reopened.isEmpty() ? null : ReloadSummary.reopenedNote(reopened));
        log.info("configuration reloaded ({}): {}{}", why, ReloadSummary.of(running, next),
                pending.isEmpty() ? "" : "; these settings changed and apply only after a restart: "
                        + String.join(", ", pending));
    }

    private void rejected(String why, Instant at, String problems) {
        ReloadStatus last = status;
        status = new ReloadStatus(last.file(), last.loadedAt(), last.reloads(), at, problems, last.pendingRestart());
        log.error("configuration reload ({}) rejected; the previous configuration keeps serving. {}", why, problems);
    }

    /** Closes the replaced engine once the calls that started on it have had their longest timeout. */
    private void retire(Retired retired) {
        synchronized (retiring) {
            retiring.add(retired);
        }
        Duration wait = retired.drain().plus(DRAIN_MARGIN);
        executor.schedule(() -> {
            boolean due;
            synchronized (retiring) {
                due = retiring.remove(retired);
            }
            if (due) {
                List<String> abandoned = retired.close(LoadedHost.CLOSE_BUDGET);
                if (!abandoned.isEmpty()) {
                    status = status.withWarning("sources the reload removed did not close within "
                            + SafeText.duration(LoadedHost.CLOSE_BUDGET) + " and were abandoned: "
                            + String.join(", ", abandoned));
                }
            }
        }, wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static List<String> pendingRestart(HostConfig started, HostConfig next) {
        List<String> pending = new ArrayList<>();
        if (!started.server().grpc().equals(next.server().grpc())) {
            pending.add("server.grpc");
        }
        if (!started.server().http().equals(next.server().http())) {
            pending.add("server.http");
        }
        if (!started.plugins().equals(next.plugins())) {
            pending.add("plugins.directory");
        }
        return pending;
    }

    private static List<EngineSource> notIn(List<EngineSource> sources, List<EngineSource> others) {
        Set<EngineSource> known = Collections.newSetFromMap(new IdentityHashMap<>());
        known.addAll(others);
        return sources.stream().filter(source -> !known.contains(source)).toList();
    }

    /** Stops watching and closes what replaced configurations left, without waiting for their calls. */
    @Override
    public void close() {
        close(CLOSE_WAIT);
    }

    /** As {@link #close()}, waiting at most {@code wait} (capped at 5 s) for a reload that runs. */
    void close(Duration wait) {
        Duration bounded = wait.compareTo(CLOSE_WAIT) < 0 ? wait : CLOSE_WAIT;
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(bounded.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("a configuration reload still runs {} after the stop began; stopping without it",
                        SafeText.duration(bounded));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Retired> left;
        synchronized (retiring) {
            left = List.copyOf(retiring);
            retiring.clear();
        }
        left.forEach(retired -> retired.close(bounded));
    }
}
