package dev.scalerhost.host.engine;

import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies what one {@code measure(...)} call of a source returned to the batch's members and to the
 * source's health: a value or a failure per member, one failure for the source when every member
 * failed alike or the call threw. Called by the source's {@link SourceWorker} under its lock.
 */
final class BatchResults {

    private static final Logger log = LoggerFactory.getLogger(BatchResults.class);

    private final EngineSource source;
    private final SourceHealth health;

    BatchResults(EngineSource source, SourceHealth health) {
        this.source = source;
        this.health = health;
    }

    /**
     * Applies {@code readings} (or {@code thrown}) measured at {@code now}; what must run outside the
     * lock (notifying listeners) goes to {@code afterwards}.
     */
    void apply(Batch batch, Map<Metric, Reading> readings, Throwable thrown, long now,
            List<Runnable> afterwards) {
        if (thrown != null) {
            log.debug("source '{}': measure threw", source.name(), thrown);
        }
        if (thrown != null || readings == null) {
            String cause = thrown != null
                    ? "measurement failed: " + SafeText.describe(thrown)
                    : "measurement failed: the source returned no readings (null)";
            health.failed(batch.members(), cause, now);
            return;
        }
        String shared = sharedFailure(batch, readings);
        if (shared != null) {
            // Every member failed alike (a database that refuses connections, a server that is down):
            // that is the source failing, logged once for the source rather than once per serviceType.
            health.failed(batch.members(), shared, now);
            return;
        }
        boolean anyValue = false;
        String firstFailure = null;
        for (MeasuredState member : batch.members()) {
            Reading reading = readingOf(readings, member);
            if (reading instanceof Reading.Value value) {
                member.succeed(value, now);
                afterwards.add(() -> member.listeners().notify(value));
                anyValue = true;
                continue;
            }
            String cause = reading instanceof Reading.Failure failure ? SafeText.clip(failure.message(), 400)
                    : "the source returned no reading for this metric";
            member.fail(cause, now, true);
            if (firstFailure == null) {
                firstFailure = cause;
            }
        }
        // A source shows a success only when a measurement of it produced a value.
        if (anyValue) {
            health.succeeded(now);
        } else {
            health.noneSucceeded(batch.size() == 1 ? firstFailure
                    : "every serviceType of the batch failed (" + batch.size() + "), the first with: " + firstFailure);
        }
    }

    /** The message of a failure every member of a batch of several shares, or null. */
    private static String sharedFailure(Batch batch, Map<Metric, Reading> readings) {
        if (batch.members().size() < 2) {
            return null;
        }
        String shared = null;
        for (MeasuredState member : batch.members()) {
            if (!(readingOf(readings, member) instanceof Reading.Failure failure)) {
                return null;
            }
            String message = SafeText.clip(failure.message(), 400);
            if (shared != null && !shared.equals(message)) {
                return null;
            }
            shared = message;
        }
        return shared;
    }

    private static Reading readingOf(Map<Metric, Reading> readings, MeasuredState member) {
        try {
            return readings.get(member.metric());
        } catch (RuntimeException brokenMap) {
            return Reading.failure("the source's result could not be read: " + SafeText.describe(brokenMap));
        }
    }
}
