package dev.scalerhost.host.grpc;

import dev.scalerhost.host.status.IgnoredMetadataStatus;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ScaledObjects whose trigger metadata sets a target or activation that their serviceType does not
 * let them override: logged once per ScaledObject and serviceType, and listed for {@code /status}
 * for as long as their calls keep sending it. Bounded, so that a flood of names cannot grow it.
 */
final class IgnoredMetadata {

    static final int MAX_LISTED = 200;

    private static final Logger log = LoggerFactory.getLogger(IgnoredMetadata.class);

    private final Map<String, IgnoredMetadataStatus> current = new ConcurrentHashMap<>();
    private final Clock clock;

    IgnoredMetadata(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Records that the call of {@code scaledObject} sent {@code keys} for {@code serviceType}, ignored as {@code message} says. */
    void ignored(String scaledObject, String serviceType, List<String> keys, String message) {
        String id = scaledObject + '\n' + serviceType;
        IgnoredMetadataStatus seen = current.get(id);
        if (seen != null && seen.message().equals(message)) {
            return;
        }
        if (seen == null && current.size() >= MAX_LISTED) {
            return;
        }
        IgnoredMetadataStatus previous =
                current.put(id, new IgnoredMetadataStatus(scaledObject, serviceType, keys, message, clock.instant()));
        if (previous == null || !previous.message().equals(message)) {
            log.warn("{}", message);
        }
    }

    /** Whether any ScaledObject is listed: only then can a call's clean metadata {@link #clear} one. */
    boolean any() {
        return !current.isEmpty();
    }

    /** Records that the call of {@code scaledObject} for {@code serviceType} had nothing ignored. */
    void clear(String scaledObject, String serviceType) {
        if (!current.isEmpty()) {
            current.remove(scaledObject + '\n' + serviceType);
        }
    }

    List<IgnoredMetadataStatus> list() {
        return current.values().stream()
                .sorted(Comparator.comparing(IgnoredMetadataStatus::scaledObject)
                        .thenComparing(IgnoredMetadataStatus::serviceType))
                .toList();
    }
}
