package dev.scalerhost.host.config;

import dev.scalerhost.spi.ConfigKey;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which keys of one map are known, for the unknown-key report: those an accessor read, those the
 * host marked known, and those the plugin declared. Undeclared (a plugin that declares nothing),
 * the keys nothing read are unknown ({@link UnknownKeys}); declared, every key outside the
 * declaration is, and declared keys nothing read get their type checked ({@link DeclaredKeys}).
 */
final class KeyTracker {

    private final Set<String> read = ConcurrentHashMap.newKeySet();
    private final Set<String> preset = ConcurrentHashMap.newKeySet();
    private volatile List<ConfigKey> declared;
    private volatile boolean ignored;

    /** @param alreadyKnown keys that count as read from the start (filled in by the host) */
    KeyTracker(Set<String> alreadyKnown) {
        read.addAll(alreadyKnown);
        preset.addAll(alreadyKnown);
    }

    void read(String key) {
        read.add(key);
    }

    boolean wasRead(String key) {
        return read.contains(key);
    }

    /** Marks keys as known without reading them. */
    void preset(String... keys) {
        read.addAll(Arrays.asList(keys));
        preset.addAll(Arrays.asList(keys));
    }

    /** The keys marked known by the host rather than by a declaration or a read. */
    Set<String> preset() {
        return Set.copyOf(preset);
    }

    void declare(List<ConfigKey> keys) {
        declared = List.copyOf(keys);
    }

    void ignore() {
        ignored = true;
    }

    /** Records every unknown key of {@code settings}, and of the sections read from it, as a problem. */
    void report(NodeSettings settings, Sections sections) {
        if (ignored) {
            return;
        }
        List<ConfigKey> keys = declared;
        if (keys == null) {
            UnknownKeys.report(settings, settings.node(), Set.copyOf(read), settings.problems());
            sections.reportUnknownKeys();
        } else {
            DeclaredKeys.report(settings, keys);
        }
    }
}
