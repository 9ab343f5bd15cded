package dev.scalerhost.host.runtime;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.ConfigBinder;
import dev.scalerhost.host.config.ConfigDocument;
import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.config.HostConfig;
import dev.scalerhost.host.config.OwnListeners;
import dev.scalerhost.host.config.ServerConfig;
import dev.scalerhost.host.config.SettingsContent;
import dev.scalerhost.host.config.SourceConfig;
import dev.scalerhost.host.config.Unresolved;
import dev.scalerhost.host.logging.LogFormat;
import dev.scalerhost.host.engine.PreparedServiceType;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.plugin.LoadedProvider;
import dev.scalerhost.host.plugin.PluginCatalog;
import dev.scalerhost.host.plugin.PluginException;
import dev.scalerhost.host.plugin.PluginLoader;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Reads a configuration file and makes it servable: loads the plugins, opens every source and
 * prepares every serviceType, collecting the problems of all these steps into one report. Nothing is
 * left open when it fails.
 */
public final class HostLoader {

    /** How long a reload waits for a running measurement before it calls the source busy. */
    static final Duration BUSY_WAIT = Duration.ofSeconds(1);

    private final Function<String, String> env;
    private final Path home;
    private final Optional<Path> pluginsOverride;
    private final HostMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;

    /**
     * @param env             the environment for {@code ${...}} substitution
     * @param home            the distribution root; relative paths in the file resolve against it
     * @param pluginsOverride a plugins directory that replaces the file's {@code plugins.directory}
     * @param metrics         where sources publish their metrics
     * @param clock           the clock sources get
     * @param scheduler       the scheduler sources get
     */
    public HostLoader(Function<String, String> env, Path home, Optional<Path> pluginsOverride,
            HostMetrics metrics, Clock clock, ScheduledExecutorService scheduler) {
        this.env = Objects.requireNonNull(env, "env");
        this.home = Objects.requireNonNull(home, "home");
        this.pluginsOverride = Objects.requireNonNull(pluginsOverride, "pluginsOverride");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /**
     * Loads {@code file}.
     *
     * @throws ConfigException listing every problem of the file, its plugins and its sources
     */
    public LoadedHost load(Path file) throws ConfigException {
        return loadDocument(file, ConfigDocument.read(file, env));
    }

    /**
     * Validates {@code file} without measuring: see {@link Validation}. Unset variables and missing
     * {@code ${file:...}} files are notes rather than problems; nothing stays open afterwards.
     *
     * @throws ConfigException listing every problem that does not come from an unresolved value
     */
    public Validation validate(Path file) throws ConfigException {
        Unresolved unresolved = new Unresolved();
        ConfigDocument document = ConfigDocument.readUnresolvedAllowed(file, env, unresolved);
        try {
            loadDocument(file, document).close();
            return Validation.of(document, unresolved, List.of());
        } catch (ConfigException e) {
            return Validation.of(document, unresolved, e.problems());
        }
    }

    private LoadedHost loadDocument(Path file, ConfigDocument document) throws ConfigException {
        ConfigBinder binder = new ConfigBinder(document, home);
        Path pluginsDirectory = pluginsOverride.orElseGet(() -> binder.plugins().directory());
        // Before the plugins load, so that what they log is already in the configured format.
        LogFormat.apply(binder.server().logFormat());
        PluginCatalog catalog = new PluginLoader().load(pluginsDirectory);
        try {
            return assemble(file, document, binder, catalog, Map.of(), List.of(), List.of());
        } catch (ConfigException | RuntimeException | Error e) {
            catalog.close();
            throw e;
        }
    }

    /**
     * Loads {@code file} again for a host that serves {@code running}: with the plugins already
     * loaded, and with the opened instance of every source whose type and settings did not change
     * (so it keeps its connections). Only sources opened here are closed when it fails; the result
     * shares the catalog and those unchanged sources with {@code running}.
     *
     * @throws ConfigException listing every problem of the file and of the sources it opened
     */
    public LoadedHost reload(Path file, LoadedHost running) throws ConfigException {
        Objects.requireNonNull(running, "running");
        ConfigDocument document = ConfigDocument.read(file, env);
        ConfigBinder binder = new ConfigBinder(document, home);
        binder.plugins();
        binder.server();
        Map<String, EngineSource> reusable = new HashMap<>();
        for (EngineSource source : running.sources()) {
            reusable.put(source.name(), source);
        }
        return assemble(file, document, binder, running.catalog(), unchanged(running.config(), reusable),
                running.serviceTypes(), List.of(running.config().server()));
    }

    /**
     * @param runningServiceTypes the serviceTypes served now: one whose source instance is kept and whose
     *                        settings did not change keeps its prepared metric, with no call into
     *                        the plugin (which may be busy in a measurement that never returns)
     * @param runningServers  the listeners a running host keeps open whatever the file says (a
     *                        changed port applies at the next restart only)
     */
    private LoadedHost assemble(Path file, ConfigDocument document, ConfigBinder binder, PluginCatalog catalog,
            Map<String, Reusable> reusable, List<PreparedServiceType> runningServiceTypes, List<ServerConfig> runningServers)
            throws ConfigException {
        List<EngineSource> opened = new ArrayList<>();
        try {
            HostConfig config = binder.bindWith(type -> catalog.provider(type).map(LoadedProvider::keys).orElse(null));
            List<ServerConfig> listeners = new ArrayList<>(runningServers);
            listeners.add(config.server());
            OwnListeners.report(document, listeners);
            Map<String, PreparedServiceType> kept = keptServiceTypes(config, reusable, runningServiceTypes);
            List<EngineSource> sources = new ArrayList<>();
            for (SourceConfig source : config.sources().values()) {
                Reusable running = reusable.get(source.name());
                if (running != null && running.config().type().equals(source.type())
                        && SettingsContent.same(running.config().settings(), source.settings())
                        && !(needsPrepare(config, source.name(), kept) && busy(running.source()))) {
                    // Checked when it was opened; the same keys with the same values are known still.
                    document.skipUnknownKeyCheck(source.settings());
                    sources.add(running.source());
                } else {
                    if (running != null && running.config().type().equals(source.type())
                            && SettingsContent.same(running.config().settings(), source.settings())) {
                        // Busy in a call that has not returned, with serviceTypes to prepare: a fresh
                        // instance serves the new file; the stuck one is closed with the old configuration.
                        kept.values().removeIf(prepared -> prepared.config().source().equals(source.name()));
                    }
                    open(catalog, source, document).ifPresent(instance -> {
                        opened.add(instance);
                        sources.add(instance);
                    });
                }
            }
            List<PreparedServiceType> serviceTypes = prepare(config, sources, document, kept);
            document.problems().addUnknownKeys(document);
            document.problems().throwIfAny(file);
            return new LoadedHost(config, catalog, sources, serviceTypes);
        } catch (ConfigException | RuntimeException | Error e) {
            LoadedHost.closeSources(opened);
            throw e;
        }
    }

    /** An opened source with the configuration it was opened from. */
    private record Reusable(SourceConfig config, EngineSource source) {
    }

    private static Map<String, Reusable> unchanged(HostConfig config, Map<String, EngineSource> opened) {
        Map<String, Reusable> reusable = new HashMap<>();
        config.sources().forEach((name, source) -> {
            EngineSource instance = opened.get(name);
            if (instance != null) {
                reusable.put(name, new Reusable(source, instance));
            }
        });
        return reusable;
    }

    Optional<EngineSource> open(PluginCatalog catalog, SourceConfig source, ConfigDocument document) {
        Optional<LoadedProvider> provider = catalog.provider(source.type());
        if (provider.isEmpty()) {
            source.settings().problem("type", catalog.missingTypeMessage(source.type()));
            // Without its plugin, nothing can tell which of the source's keys are known.
            document.skipUnknownKeyCheck(source.settings());
            return Optional.empty();
        }
        try {
            MetricSource instance = provider.get().open(source.settings(),
                    HostSourceContext.of(source.name(), metrics, clock, scheduler));
            if (instance == null) {
                if (!source.settings().hasProblems()) {
                    source.settings().problem(null, "plugin " + provider.get().directory()
                            + " returned no source and reported no problem");
                }
                return Optional.empty();
            }
            return Optional.of(new EngineSource(source.name(), source.type(), new SerialMetricSource(instance),
                    instance.describe()));
        } catch (PluginException e) {
            source.settings().problem(null, e.getMessage());
            document.skipUnknownKeyCheck(source.settings());
            return Optional.empty();
        }
    }

    /**
     * The running serviceTypes that can be served as they are: same serviceType, same source (whose
     * instance is kept, unless it turns out busy) and the same settings.
     */
    private static Map<String, PreparedServiceType> keptServiceTypes(HostConfig config, Map<String, Reusable> reusable,
            List<PreparedServiceType> runningServiceTypes) {
        Map<String, PreparedServiceType> kept = new HashMap<>();
        for (PreparedServiceType running : runningServiceTypes) {
            ServiceTypeConfig was = running.config();
            ServiceTypeConfig now = config.serviceTypes().get(was.serviceType());
            if (was.isComposite() || now == null || now.isComposite() || !now.source().equals(was.source())) {
                continue;
            }
            Reusable source = reusable.get(now.source());
            SourceConfig sourceNow = config.sources().get(now.source());
            if (source != null && sourceNow != null && source.config().type().equals(sourceNow.type())
                    && SettingsContent.same(source.config().settings(), sourceNow.settings())
                    && SettingsContent.same(was.params(), now.params())) {
                kept.put(was.serviceType(), running);
            }
        }
        return kept;
    }

    /** Whether {@code source} has a serviceType in {@code config} that must be prepared anew. */
    private static boolean needsPrepare(HostConfig config, String source, Map<String, PreparedServiceType> kept) {
        return config.serviceTypes().values().stream()
                .anyMatch(serviceType -> !serviceType.isComposite() && serviceType.source().equals(source)
                        && !kept.containsKey(serviceType.serviceType()));
    }

    /** Whether {@code source} is held by a measurement that does not end within {@link #BUSY_WAIT}. */
    private static boolean busy(EngineSource source) {
        return source.source() instanceof SerialMetricSource serial && serial.busyFor(BUSY_WAIT);
    }

    private static List<PreparedServiceType> prepare(
            HostConfig config, List<EngineSource> opened, ConfigDocument document, Map<String, PreparedServiceType> kept) {
        Map<String, MetricSource> byName = new HashMap<>();
        opened.forEach(source -> byName.put(source.name(), source.source()));
        List<PreparedServiceType> prepared = new ArrayList<>();
        for (ServiceTypeConfig serviceType : config.serviceTypes().values()) {
            if (serviceType.isComposite()) {
                prepared.add(PreparedServiceType.composite(serviceType));
                continue;
            }
            MetricSource source = byName.get(serviceType.source());
            PreparedServiceType running = kept.get(serviceType.serviceType());
            if (running != null && source != null) {
                // Kept only while its source instance is kept (see assemble).
                document.skipUnknownKeyCheck(serviceType.params());
                prepared.add(new PreparedServiceType(serviceType, running.metric()));
                continue;
            }
            if (source == null) {
                // The source's own problem is reported; without its plugin the serviceType's keys
                // cannot be checked, so they are not reported as unknown either.
                document.skipUnknownKeyCheck(serviceType.params());
                continue;
            }
            // Keys the plugin did not get to read are not unknown.
            Metric metric = source instanceof SerialMetricSource serial
                    ? serial.prepare(serviceType.params(), () -> document.skipUnknownKeyCheck(serviceType.params()))
                    : source.prepare(serviceType.params());
            if (metric != null) {
                prepared.add(new PreparedServiceType(serviceType, metric));
            } else if (!serviceType.params().hasProblems()) {
                serviceType.params().problem(null, "the source's plugin returned no metric and reported no problem");
            }
        }
        return prepared;
    }
}
