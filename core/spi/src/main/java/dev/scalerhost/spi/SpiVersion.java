package dev.scalerhost.spi;

/**
 * The version of this plugin API.
 *
 * <p>A provider returns {@link #CURRENT} from {@link MetricSourceProvider#spiVersion()}. Because
 * {@code CURRENT} is a compile-time constant, the value is fixed into the plugin's class file when
 * the plugin is compiled: the host can tell which API version a plugin was built against.
 *
 * <p>The version changes only when a change would break compiled plugins (a method removed or its
 * meaning changed). Additions are made as default methods and keep the version, so a plugin keeps
 * working with every host of the same version, older or newer.
 *
 * <p>The host refuses a provider built for another version, in either direction: the plugin is not
 * loaded, {@code scalerhost plugins} lists it as failed, and a source whose {@code type:} it would
 * have provided is a configuration error. The message names the plugin directory, the provider
 * class, the version it was built for and the host's, e.g. {@code plugins/future-source: provider
 * com.example.FutureProvider was built for SPI version 2; this host implements version 1; rebuild
 * the plugin against scalerhost-spi 1}. Rebuilding against the host's SPI jar (and adapting to the
 * change that raised the version) is the fix.
 */
public final class SpiVersion {

    /** The API version this jar defines. */
    public static final int CURRENT = 1;

    private SpiVersion() {
    }
}
