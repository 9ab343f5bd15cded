package dev.scalerhost.host.plugin;

/**
 * A call into a plugin failed: it threw, or returned something the host cannot use. The message
 * names the plugin directory, its type and the operation; the plugin's throwable is the cause.
 */
public final class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
