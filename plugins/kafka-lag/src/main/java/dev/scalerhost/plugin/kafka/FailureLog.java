package dev.scalerhost.plugin.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Logs a failure once when it starts or changes and once when it ends, not at every refresh
 * (the host's metrics count every occurrence).
 */
final class FailureLog {

    private final Logger log;
    private final Map<Object, String> current = new HashMap<>();

    FailureLog(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    /** {@code subject} failed with {@code message}. */
    void failed(Object subject, String message) {
        String previous = current.put(subject, message);
        if (!message.equals(previous)) {
            log.warn("{}: {}", subject, message);
        }
    }

    /** {@code subject} measured fine. */
    void succeeded(Object subject) {
        if (current.remove(subject) != null) {
            log.info("{}: measured again", subject);
        }
    }
}
