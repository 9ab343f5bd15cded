package dev.scalerhost.host.status;

import java.time.Instant;

/**
 * What {@code /status} shows of one source. Nullable fields are {@code null} when unknown.
 *
 * @param name        the key under {@code sources:}
 * @param type        the plugin type
 * @param description the source's own description (never a secret)
 * @param lastSuccess when a measurement last succeeded as a whole
 * @param lastError   the last whole-batch failure, or null
 */
public record SourceStatus(String name, String type, String description, Instant lastSuccess, String lastError) {
}
