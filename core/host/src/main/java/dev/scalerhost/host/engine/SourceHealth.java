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
    private boolean failureLogged;

    SourceHealth(EngineSource source) {
        this.source = source;
    }

    /** At least one serviceType got a value: the source works. */
    void succeeded(long now) {
        lastSuccessMillis = now;
        if (failureLogged) {
            log.info("source '{}' measures again", source.name());
        }
        lastError = null;
        failureLogged = false;
    }

    /** Fails every member with {@code cause}; logged here once per distinct cause, counted per serviceType. */
    void failed(Collection<MeasuredState> members, String cause, long now) {
        if (!cause.equals(lastError)) {
            log.warn("source '{}': measurement of {} serviceType(s) failed: {}", source.name(), members.size(), cause);
            failureLogged = true;
        }
        lastError = cause;
        for (MeasuredState member : members) {
            member.fail(cause, now, false);
        }
    }

    /**
     * No serviceType got a value, each failing in its own way (the members have their own messages
     * and log them): the source has no success to show, and {@code cause} as its last error.
     */
    void noneSucceeded(String cause) {
        lastError = cause;
    }

    SourceStatus status() {
        long success = lastSuccessMillis;
        return new SourceStatus(source.name(), source.type(), source.description(),
                success == Sample.NEVER ? null : Instant.ofEpochMilli(success), lastError);
    }
}
