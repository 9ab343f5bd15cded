package dev.scalerhost.host.engine;

import dev.scalerhost.host.status.SourceStatus;
import java.time.Instant;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a source's whole-batch measurements succeed: what {@code /status} shows of it, and the
 * one log line per distinct failure and per recovery. Written under its worker's lock.
 */
final class SourceHealth {

    private static final Logger log = LoggerFactory.getLogger(SourceHealth.class);

    private final EngineSource source;
    private volatile long lastSuccessMillis = Sample.NEVER;
    private volatile String lastError;

    SourceHealth(EngineSource source) {
        this.source = source;
    }

    void succeeded(long now) {
        lastSuccessMillis = now;
        if (lastError != null) {
            log.info("source '{}' measures again", source.name());
            lastError = null;
        }
    }

    /** Fails every member with {@code cause}; logged here once per distinct cause, counted per binding. */
    void failed(Collection<BindingState> members, String cause, long now) {
        if (!cause.equals(lastError)) {
            log.warn("source '{}': measurement of {} serviceType(s) failed: {}", source.name(), members.size(), cause);
        }
        lastError = cause;
        for (BindingState member : members) {
            member.fail(cause, now, false);
        }
    }

    SourceStatus status() {
        long success = lastSuccessMillis;
        return new SourceStatus(source.name(), source.type(), source.description(),
                success == Sample.NEVER ? null : Instant.ofEpochMilli(success), lastError);
    }
}
