package dev.scalerhost.plugin.support;

import dev.scalerhost.spi.Reading;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/** Logs a failure once when it starts or changes, and once when it ends; the rest is counted in metrics. */
public final class FailureLog {

    private final Logger log;
    private final Map<String, String> current = new ConcurrentHashMap<>();

    public FailureLog(Logger log) {
        this.log = log;
    }

    /** Records that {@code subject} failed with {@code message} (already free of secrets). */
    public void failed(String subject, String message) {
        if (!message.equals(current.put(subject, message))) {
            log.warn("{}", message);
        }
    }

    /** Records that {@code subject} worked. */
    public void succeeded(String subject) {
        if (current.remove(subject) != null) {
            log.info("{} works again", subject);
        }
    }

    /** Records how {@code subject} was measured; true if {@code reading} is a failure. */
    public boolean record(String subject, Reading reading) {
        if (reading instanceof Reading.Failure failure) {
            failed(subject, failure.message());
            return true;
        }
        succeeded(subject);
        return false;
    }
}
