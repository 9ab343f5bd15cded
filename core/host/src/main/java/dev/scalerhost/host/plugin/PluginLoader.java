package dev.scalerhost.host.plugin;

import dev.scalerhost.host.threads.DaemonThreads;
import dev.scalerhost.host.threads.Uninterruptibly;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugins of a plugins directory: each subdirectory is one plugin made of the jars directly
 * in it, and a jar directly in the plugins directory is a plugin of its own. Every plugin gets its
 * own {@link PluginClassLoader}. A plugin that fails is recorded in the catalog and logged once; it
 * never stops the others from loading.
 */
public final class PluginLoader {

    private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);

    private final boolean logOutcomes;

    private final ClassLoader host;

    /** A loader whose plugins share the SPI and SLF4J with the class loader of the host. */
    public PluginLoader() {
        this(PluginLoader.class.getClassLoader());
    }

    /** @param host the class loader that supplies the SPI and SLF4J to plugins */
    public PluginLoader(ClassLoader host) {
        this(host, true);
    }

    private PluginLoader(ClassLoader host, boolean logOutcomes) {
        this.host = Objects.requireNonNull(host, "host");
        this.logOutcomes = logOutcomes;
    }

    /**
     * A loader that does not log what each plugin provides or why it failed: for a caller that
     * reports the {@link PluginCatalog#statuses()} itself ({@code scalerhost plugins}).
     */
    public static PluginLoader forListing() {
        return new PluginLoader(PluginLoader.class.getClassLoader(), false);
    }

    /**
     * Loads every plugin under {@code directory}. A missing or unreadable directory gives an empty
     * catalog and a warning: the host may run with no plugin until a source needs one.
     */
    public PluginCatalog load(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            String why = Files.exists(directory) ? "is not a directory" : "does not exist";
            if (logOutcomes) {
                LOG.warn("Plugins directory {} {}; no plugins loaded", directory, why);
            }
            return PluginCatalog.of(directory, "plugins directory " + directory + " " + why, List.of(), logOutcomes);
        }
        List<PluginLocation> locations;
        try {
            locations = locate(directory);
        } catch (IOException e) {
            if (logOutcomes) {
                LOG.warn("Plugins directory {} could not be read ({}); no plugins loaded", directory, e.toString());
            }
            return PluginCatalog.of(directory, "plugins directory " + directory + " could not be read: " + e, List.of(),
                    logOutcomes);
        }
        List<LoadedPlugin> plugins = loadAll(locations);
        for (LoadedPlugin plugin : plugins) {
            PluginLocation location = plugin.location();
            if (logOutcomes) {
                plugin.errors().forEach(error -> LOG.warn("Plugin {}: {}", location.path(), error));
                if (!plugin.providers().isEmpty()) {
                    LOG.info("Plugin {}: source types {}", location.path(), plugin.types());
                }
            }
        }
        return PluginCatalog.of(directory, null, plugins, logOutcomes);
    }

    /**
     * Loads the plugins on up to one thread per processor: each has its own class loader and nothing
     * else in common, and finding their providers (reading jars, loading and initializing classes)
     * is most of the host's start that does not depend on something before it. In directory order.
     */
    private List<LoadedPlugin> loadAll(List<PluginLocation> locations) {
        int threads = Math.min(locations.size(), Runtime.getRuntime().availableProcessors());
        if (threads <= 1) {
            return locations.stream().map(this::loadPlugin).toList();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, DaemonThreads.named("scalerhost-plugin-load"));
        try {
            List<Future<LoadedPlugin>> loading = new ArrayList<>(locations.size());
            for (PluginLocation location : locations) {
                loading.add(pool.submit(() -> loadPlugin(location)));
            }
            List<LoadedPlugin> plugins = new ArrayList<>(locations.size());
            for (Future<LoadedPlugin> plugin : loading) {
                plugins.add(awaitUninterruptibly(plugin));
            }
            return plugins;
        } finally {
            pool.shutdown();
        }
    }

    /** Loading never stopped for an interrupt when it ran on the caller's thread alone; nor does it now. */
    private static LoadedPlugin awaitUninterruptibly(Future<LoadedPlugin> plugin) {
        try {
            return Uninterruptibly.get(plugin);
        } catch (ExecutionException e) {
            // loadPlugin reports every plugin failure in its result; what reaches here is fatal.
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("loading a plugin failed", e.getCause());
        }
    }

    private static List<PluginLocation> locate(Path directory) throws IOException {
        List<PluginLocation> locations = new ArrayList<>();
        for (Path entry : sortedEntries(directory)) {
            String name = entry.getFileName().toString();
            if (name.startsWith(".")) {
                continue;
            }
            if (Files.isDirectory(entry)) {
                locations.add(new PluginLocation(name, entry, sortedEntries(entry).stream()
                        .filter(PluginLoader::isJar)
                        .toList()));
            } else if (isJar(entry)) {
                locations.add(new PluginLocation(name, entry, List.of(entry)));
            }
        }
        return locations;
    }

    private static List<Path> sortedEntries(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.sorted(Comparator.comparing(entry -> entry.getFileName().toString())).toList();
        }
    }

    private static boolean isJar(Path file) {
        return file.getFileName().toString().endsWith(".jar") && Files.isRegularFile(file);
    }

    private LoadedPlugin loadPlugin(PluginLocation location) {
        if (location.jars().isEmpty()) {
            return LoadedPlugin.failed(location, "no jar files in " + location.path()
                    + "; a plugin directory holds the plugin's jar and its dependencies");
        }
        // Each jar is opened here to refuse one that is not a zip, which the class loader would skip
        // silently, and stays open until the discovery has run: the class loader then shares the zip
        // directory read here (the JDK keeps one per open file) instead of reading it again.
        List<JarFile> opened = new ArrayList<>(location.jars().size());
        try {
            List<URL> urls = new ArrayList<>(location.jars().size());
            for (Path jar : location.jars()) {
                try {
                    opened.add(new JarFile(jar.toFile()));
                    urls.add(jar.toUri().toURL());
                } catch (IOException | SecurityException e) {
                    return LoadedPlugin.failed(location, jar.getFileName() + " is not a readable jar ("
                            + e.getMessage() + "); replace it with a valid jar or remove it");
                }
            }
            PluginClassLoader loader = new PluginClassLoader(location.name(), urls, host);
            ProviderDiscovery.Result found = ProviderDiscovery.discover(location, loader);
            if (found.providers().isEmpty()) {
                closeQuietly(location, loader);
                return new LoadedPlugin(location, null, List.of(), found.errors());
            }
            return new LoadedPlugin(location, loader, found.providers(), found.errors());
        } finally {
            for (JarFile jar : opened) {
                try {
                    jar.close();
                } catch (IOException e) {
                    LOG.debug("Plugin {}: closing {} failed: {}", location.path(), jar.getName(), e.toString());
                }
            }
        }
    }

    static void closeQuietly(PluginLocation location, PluginClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warn("Plugin {}: closing its class loader failed: {}", location.path(), e.toString());
        }
    }
}
