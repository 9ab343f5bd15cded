package dev.scalerhost.host.status;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A ScaledObject whose trigger metadata sets a target or activation that its serviceType's
 * {@code metadataOverrides} does not allow, so the configured value applies instead; for {@code /status}.
 *
 * @param scaledObject the ScaledObject, {@code namespace/name}
 * @param serviceType  the serviceType its trigger names
 * @param keys         the ignored metadata keys as sent, e.g. {@code threshold}
 * @param message      what is ignored, why, and what applies instead
 * @param since        when it was first seen
 */
public record IgnoredMetadataStatus(String scaledObject, String serviceType, List<String> keys, String message,
                                    Instant since) {

    public IgnoredMetadataStatus {
        Objects.requireNonNull(scaledObject, "scaledObject");
        Objects.requireNonNull(serviceType, "serviceType");
        keys = List.copyOf(keys);
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(since, "since");
    }
}
