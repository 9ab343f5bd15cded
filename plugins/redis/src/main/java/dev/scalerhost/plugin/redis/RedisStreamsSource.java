package dev.scalerhost.plugin.redis;

import dev.scalerhost.plugin.redis.StreamMetric.Mode;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Stream figures of one Redis server. A refresh is one pipelined round trip: per database a
 * {@code SELECT}, one {@code XINFO GROUPS} per stream that has group bindings (it carries every
 * group's pending count and lag at once) and one {@code XLEN} per stream measured by length, so the
 * commands grow with the streams, never with the serviceTypes.
 *
 * <p>Pending entries are XINFO GROUPS' {@code pending}, the same count as KEDA's {@code XPENDING}.
 * The lag is Redis 7's {@code lag}; where Redis cannot tell it (entries past the group's position were
 * deleted, or the group was set to an arbitrary ID) it answers nil, and the binding fails with a
 * message saying so instead of guessing a number.
 */
final class RedisStreamsSource extends RedisSource {

    RedisStreamsSource(RedisEndpoint endpoint, SourceContext context) {
        super(endpoint, context);
    }

    @Override
    public Metric prepare(Settings params) {
        return StreamMetric.read(params);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws RedisUnavailableException {
        Map<Integer, Set<String>> groupStreams = new TreeMap<>();
        Map<Integer, Set<String>> lengthStreams = new TreeMap<>();
        for (Metric metric : batch) {
            StreamMetric stream = (StreamMetric) metric;
            (stream.mode() == Mode.STREAM_LENGTH ? lengthStreams : groupStreams)
                    .computeIfAbsent(stream.databaseIndex(), db -> new LinkedHashSet<>()).add(stream.stream());
            (stream.mode() == Mode.STREAM_LENGTH ? groupStreams : lengthStreams)
                    .computeIfAbsent(stream.databaseIndex(), db -> new LinkedHashSet<>());
        }
        List<List<String>> commands = new ArrayList<>();
        for (Integer database : groupStreams.keySet()) {
            commands.add(List.of("SELECT", Integer.toString(database)));
            groupStreams.get(database).forEach(stream -> commands.add(List.of("XINFO", "GROUPS", stream)));
            lengthStreams.get(database).forEach(stream -> commands.add(List.of("XLEN", stream)));
        }
        List<Object> replies = pipeline(commands, deadline);
        Map<String, Object> groupInfo = new HashMap<>();
        Map<String, Object> lengths = new HashMap<>();
        Map<Integer, Object> selects = new HashMap<>();
        int index = 0;
        for (Integer database : groupStreams.keySet()) {
            selects.put(database, replies.get(index++));
            for (String stream : groupStreams.get(database)) {
                groupInfo.put(database + "/" + stream, replies.get(index++));
            }
            for (String stream : lengthStreams.get(database)) {
                lengths.put(database + "/" + stream, replies.get(index++));
            }
        }
        Map<Metric, Reading> readings = new HashMap<>();
        for (Metric metric : batch) {
            StreamMetric stream = (StreamMetric) metric;
            String key = stream.databaseIndex() + "/" + stream.stream();
            Reading reading = selects.get(stream.databaseIndex()) instanceof RedisClient.ErrorReply error
                    ? Reading.failure("Redis at " + endpoint.describe() + " refused database " + stream.databaseIndex()
                            + ": " + endpoint.redact(error.message()) + "; check databaseIndex")
                    : stream.mode() == Mode.STREAM_LENGTH ? length(stream, lengths.get(key))
                    : group(stream, groupInfo.get(key));
            readings.put(metric, logged(stream, reading));
        }
        return readings;
    }

    private Reading length(StreamMetric metric, Object reply) {
        if (reply instanceof Long length) {
            return Reading.of(length);
        }
        return Reading.failure(streamError(metric, reply));
    }

    private Reading group(StreamMetric metric, Object reply) {
        if (!(reply instanceof List<?> groups)) {
            return Reading.failure(streamError(metric, reply));
        }
        List<String> names = new ArrayList<>();
        for (Object entry : groups) {
            Map<String, Object> group = fields(entry);
            String name = Replies.text(group.get("name"));
            names.add(name);
            if (name.equals(metric.consumerGroup())) {
                return metric.mode() == Mode.LAG ? lag(metric, group) : count(metric, group.get("pending"), "pending");
            }
        }
        return Reading.failure("consumer group '" + metric.consumerGroup() + "' does not exist on " + where(metric)
                + (names.isEmpty() ? ", which has no consumer groups" : "; its groups: " + String.join(", ", names))
                + "; create it (XGROUP CREATE) or fix consumerGroup");
    }

    private Reading lag(StreamMetric metric, Map<String, Object> group) {
        if (!group.containsKey("lag")) {
            return Reading.failure("Redis at " + endpoint.describe() + " does not report consumer group lag (Redis 7"
                    + " added it to XINFO GROUPS); use pendingEntriesCount or streamLength with this server");
        }
        if (group.get("lag") == null) {
            return Reading.failure("Redis cannot tell the lag of group '" + metric.consumerGroup() + "' on "
                    + where(metric) + ": entries after the group's last delivered ID were deleted, or the group was"
                    + " moved to an arbitrary ID (XINFO GROUPS answers nil); it becomes known again when the group"
                    + " reads past them. Until then this binding fails rather than guess; pendingEntriesCount or"
                    + " streamLength always have a value");
        }
        return count(metric, group.get("lag"), "lag");
    }

    private Reading count(StreamMetric metric, Object value, String field) {
        if (value instanceof Long count) {
            return Reading.of(Math.max(0, count));
        }
        return Reading.failure("Redis answered XINFO GROUPS for " + where(metric) + " without a numeric '" + field + "'");
    }

    private String streamError(StreamMetric metric, Object reply) {
        String message = reply instanceof RedisClient.ErrorReply error ? error.message() : Replies.text(reply);
        if (message.contains("no such key")) {
            return where(metric) + " does not exist, so consumer group '" + metric.consumerGroup()
                    + "' has nothing to measure; create the stream and group (XGROUP CREATE ... MKSTREAM) or fix stream";
        }
        if (message.startsWith("WRONGTYPE")) {
            return "key '" + metric.stream() + "' on Redis at " + endpoint.describe()
                    + " is not a stream: stream must name a Redis stream";
        }
        return "Redis could not measure " + metric.describe() + ": " + endpoint.redact(message);
    }

    private String where(StreamMetric metric) {
        return "stream '" + metric.stream() + "'" + (metric.databaseIndex() == 0 ? "" : " in database "
                + metric.databaseIndex()) + " on Redis at " + endpoint.describe();
    }

    private Reading logged(StreamMetric metric, Reading reading) {
        if (failures.record(metric.describe(), reading)) {
            metrics.count("binding_errors_total", 1);
        }
        return reading;
    }

    /** One group's flat field/value list as a map; a nil value stays {@code null}. */
    private static Map<String, Object> fields(Object entry) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (entry instanceof List<?> flat) {
            for (int i = 0; i + 1 < flat.size(); i += 2) {
                fields.put(Replies.text(flat.get(i)), flat.get(i + 1));
            }
        }
        return fields;
    }
}
