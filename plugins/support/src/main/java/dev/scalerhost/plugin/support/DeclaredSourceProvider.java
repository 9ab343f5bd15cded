package dev.scalerhost.plugin.support;

import dev.scalerhost.spi.ConfigKey;
import dev.scalerhost.spi.MetricSourceProvider;
import java.util.List;
import java.util.Objects;

/**
 * A provider whose type, SPI version and keys are declared once, in its constructor:
 *
 * <pre>{@code
 * public RedisListSourceProvider() {
 *     super("redis", SpiVersion.CURRENT, RedisKeys.SOURCE, RedisKeys.LIST_BINDING);
 * }
 * }</pre>
 *
 * <p>The subclass passes {@code SpiVersion.CURRENT} itself so that the compiler fixes the value in
 * the plugin's own class, as {@link MetricSourceProvider#spiVersion()} asks; this class holds no
 * version of its own. The starter plugin implements the SPI directly instead, to show it bare.
 */
public abstract class DeclaredSourceProvider implements MetricSourceProvider {

    private final String type;
    private final int spiVersion;
    private final List<ConfigKey> sourceKeys;
    private final List<ConfigKey> bindingKeys;

    /**
     * @param type        the {@code type:} a source names
     * @param spiVersion  {@code SpiVersion.CURRENT}, written in the subclass
     * @param sourceKeys  the keys of a source
     * @param bindingKeys the keys of a binding besides the host's
     */
    protected DeclaredSourceProvider(String type, int spiVersion, List<ConfigKey> sourceKeys,
            List<ConfigKey> bindingKeys) {
        this.type = Objects.requireNonNull(type, "type");
        this.spiVersion = spiVersion;
        this.sourceKeys = List.copyOf(sourceKeys);
        this.bindingKeys = List.copyOf(bindingKeys);
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final int spiVersion() {
        return spiVersion;
    }

    @Override
    public final List<ConfigKey> sourceKeys() {
        return sourceKeys;
    }

    @Override
    public final List<ConfigKey> bindingKeys() {
        return bindingKeys;
    }
}
