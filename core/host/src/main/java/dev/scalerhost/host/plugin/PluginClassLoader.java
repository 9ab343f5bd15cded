package dev.scalerhost.host.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;

/**
 * The class loader of one plugin directory: every jar of {@code plugins/<name>/} on one child-first
 * path, so a plugin brings its own versions of the libraries the host also uses (Jackson, Netty, ...).
 *
 * <p>Shared with the host, and looked up there first:
 * <ul>
 *   <li>{@code java.*}, always from the JDK;</li>
 *   <li>{@code javax.*} classes the JDK's platform class loader has; other {@code javax.*} libraries
 *       (annotations, servlet, inject) come from the plugin's jars;</li>
 *   <li>the SPI package {@code dev.scalerhost.spi}, only from the host, so that the plugin's
 *       providers implement the very interfaces the host calls even if the plugin bundles the SPI;</li>
 *   <li>{@code org.slf4j.*}, so plugin logs go through the host's logging backend; a slf4j class the
 *       host lacks (e.g. {@code jul-to-slf4j}'s bridge) may still come from the plugin.</li>
 * </ul>
 * Everything else comes from the plugin's jars, then from the JDK's platform class loader. The
 * host's own libraries are never visible: the parent of this loader is the platform class loader.
 * Resources are child-first as well.
 */
public final class PluginClassLoader extends URLClassLoader {

    static final String SPI_PACKAGE = "dev.scalerhost.spi.";
    private static final String SLF4J_PACKAGE = "org.slf4j.";

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader host;

    /**
     * @param pluginName the plugin's directory name, used in this loader's name ({@code plugin:<name>})
     * @param jars       the plugin's jars
     * @param host       the host's class loader, which supplies the SPI and SLF4J
     */
    public PluginClassLoader(String pluginName, List<URL> jars, ClassLoader host) {
        super("plugin:" + Objects.requireNonNull(pluginName, "pluginName"),
                Objects.requireNonNull(jars, "jars").toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader());
        this.host = Objects.requireNonNull(host, "host");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = locate(name);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    private Class<?> locate(String name) throws ClassNotFoundException {
        if (name.startsWith("java.")) {
            return getParent().loadClass(name);
        }
        if (name.startsWith(SPI_PACKAGE)) {
            return host.loadClass(name);
        }
        if (name.startsWith(SLF4J_PACKAGE)) {
            return firstOf(host, name);
        }
        if (name.startsWith("javax.")) {
            return firstOf(getParent(), name);
        }
        try {
            return findClass(name);
        } catch (ClassNotFoundException notInPlugin) {
            return getParent().loadClass(name);
        }
    }

    /** Loads from {@code shared} if it has the class, else from the plugin's jars. */
    private Class<?> firstOf(ClassLoader shared, String name) throws ClassNotFoundException {
        try {
            return shared.loadClass(name);
        } catch (ClassNotFoundException notShared) {
            return findClass(name);
        }
    }

    @Override
    public URL getResource(String name) {
        Objects.requireNonNull(name, "name");
        URL own = findResource(name);
        return own != null ? own : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        List<URL> all = new ArrayList<>(Collections.list(findResources(name)));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    @Override
    public String toString() {
        return getName();
    }
}
