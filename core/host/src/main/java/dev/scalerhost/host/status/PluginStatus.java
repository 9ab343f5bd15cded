package dev.scalerhost.host.status;

import java.util.List;

/**
 * One plugin directory as loaded: the types it provides, or why it failed.
 *
 * @param directory the directory name under {@code plugins/} ({@code <builtin>} for the classpath)
 * @param types     the source types it provides
 * @param error     why it (or one of its providers) failed to load, or null
 */
public record PluginStatus(String directory, List<String> types, String error) {
    public PluginStatus {
        types = List.copyOf(types);
    }
}
