package dev.scalerhost.demo;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/** Logs each distinct failure of a repeating task once, so a broker restart does not flood the log. */
final class FailureLog {

    private final Logger log;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    FailureLog(Logger log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    void failed(String what, Throwable cause) {
        String message = what + ": " + cause;
        if (seen.add(message)) {
            log.warn("{} (further identical failures are not logged)", message);
        }
    }
}
