package dev.scalerhost.spi;

/**
 * The version of this plugin API.
 *
 * <p>A provider returns {@link #CURRENT} from {@link MetricSourceProvider#spiVersion()}. Because
 * {@code CURRENT} is a compile-time constant, the value is fixed into the plugin's class file when
 * the plugin is compiled: the host can tell which API version a plugin was built against.
 *
 * <p>The version changes only when a change would break compiled plugins (a method removed or its
 * meaning changed). Additions are made as default methods and keep the version. The host refuses a
 * plugin built for another version, naming the plugin, the version it was built for and its own.
 */
public final class SpiVersion {

    /** The API version this jar defines. */
    public static final int CURRENT = 1;

    private SpiVersion() {
    }
}
