package dev.scalerhost.host.engine;

import dev.scalerhost.spi.MetricSource;
import java.util.Objects;

/**
 * One opened source as the engine sees it. The engine measures through it but does not own it:
 * whoever opened the source closes it, after {@link MeasurementEngine#close()}.
 *
 * @param name        the key under {@code sources:}
 * @param type        the plugin type
 * @param source      the opened instance (already wrapped for its plugin's class loader)
 * @param description the source's own description for {@code /status}; never a secret
 */
public record EngineSource(String name, String type, MetricSource source, String description) {
    public EngineSource {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        description = description == null ? "" : description;
    }
}
