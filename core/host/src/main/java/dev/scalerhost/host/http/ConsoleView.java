package dev.scalerhost.host.http;

import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.history.HistorySnapshot;
import java.util.Map;
import java.util.Optional;

/** What the console shows beyond {@code /status}: each serviceType's timing and recorded history. */
public interface ConsoleView {

    /** The timing of every serviceType served now, by serviceType. */
    Map<String, Timing> timings();

    /** The last hour of {@code serviceType}; empty if it is not served or nothing was recorded. */
    Optional<HistorySnapshot> history(String serviceType);

    /**
     * When the current run of failed measurements of {@code serviceType} began, or
     * {@link HistorySnapshot#NEVER}; cheap, unlike {@link #history}.
     */
    long failingSince(String serviceType);
}
