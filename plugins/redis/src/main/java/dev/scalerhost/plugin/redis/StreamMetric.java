package dev.scalerhost.plugin.redis;

import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Settings;

/** One stream figure: a group's pending entries or lag, or the stream's length. */
record StreamMetric(Mode mode, String stream, String consumerGroup, int databaseIndex) implements Metric {

    /** What is measured; named after KEDA's key that selects it. */
    enum Mode {
        PENDING_ENTRIES("pendingEntriesCount"),
        STREAM_LENGTH("streamLength"),
        LAG("lagCount");

        private final String key;

        Mode(String key) {
            this.key = key;
        }

        String key() {
            return key;
        }
    }

    /**
     * The mode as KEDA picks it: {@code lagCount} or {@code pendingEntriesCount} with a consumer group,
     * {@code streamLength} without one; with plain {@code target}, pending entries if a group is given,
     * the stream's length otherwise. Problems go to {@code params}.
     */
    static StreamMetric read(Settings params) {
        String stream = params.string("stream");
        String group = params.optionalString("consumerGroup").orElse(null);
        int databaseIndex = params.integer("databaseIndex", 0, 0, 1_000_000);
        Mode mode = params.has(Mode.LAG.key()) ? Mode.LAG
                : params.has(Mode.PENDING_ENTRIES.key()) ? Mode.PENDING_ENTRIES
                : params.has(Mode.STREAM_LENGTH.key()) ? Mode.STREAM_LENGTH
                : group != null ? Mode.PENDING_ENTRIES : Mode.STREAM_LENGTH;
        if (stream != null && stream.isEmpty()) {
            params.problem("stream", "must not be empty");
        }
        if (mode != Mode.STREAM_LENGTH && (group == null || group.isEmpty())) {
            params.problem("consumerGroup", "required with " + mode.key()
                    + ": the consumer group whose " + (mode == Mode.LAG ? "lag" : "pending entries") + " to measure");
        }
        if (mode == Mode.STREAM_LENGTH && group != null) {
            params.problem("consumerGroup", "has no meaning with streamLength, which counts the whole stream"
                    + " (KEDA would silently measure pending entries instead); remove it, or use"
                    + " pendingEntriesCount or lagCount");
        }
        return params.hasProblems() ? null : new StreamMetric(mode, stream, group, databaseIndex);
    }

    @Override
    public String describe() {
        String where = "stream '" + stream + "'" + (databaseIndex == 0 ? "" : " in database " + databaseIndex);
        return switch (mode) {
            case PENDING_ENTRIES -> "pending entries of group '" + consumerGroup + "' on " + where;
            case LAG -> "lag of group '" + consumerGroup + "' on " + where;
            case STREAM_LENGTH -> "length of " + where;
        };
    }
}
