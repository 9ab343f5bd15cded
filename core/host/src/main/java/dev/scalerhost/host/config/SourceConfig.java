package dev.scalerhost.host.config;

import dev.scalerhost.spi.Settings;
import java.util.Objects;

/**
 * One entry of {@code sources:}.
 *
 * @param name     the key under {@code sources:}
 * @param type     the plugin type, {@code type:}
 * @param timing   defaults for the timing of serviceTypes on this source
 * @param settings the remaining keys, handed to the plugin's {@code open}
 */
public record SourceConfig(String name, String type, Timing timing, Settings settings) {
    public SourceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(settings, "settings");
    }
}
