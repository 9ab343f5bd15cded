package dev.scalerhost.plugin.redis;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.spi.Settings;
import dev.scalerhost.spi.SourceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * List lengths of one Redis server. A refresh is one pipelined round trip: per database a
 * {@code SELECT} and one {@code EVAL} of a script that measures every list of the batch, so the
 * server runs one command per database however many serviceTypes there are.
 *
 * <p>As in KEDA, the key may also be a set, sorted set or hash (its cardinality counts), and a key
 * that does not exist counts 0: Redis deletes a list when its last element is popped, so a missing
 * list is an empty queue, not an error. A key of another type (a string, a stream) fails the binding
 * with a message that names it.
 */
final class RedisListSource extends RedisSource {

    /** Per key: its length, or the name of its type when that type has no length KEDA would count. */
    private static final String LENGTHS = """
            local lengths = {}
            for i, key in ipairs(KEYS) do
              local kind = redis.call('TYPE', key).ok
              if kind == 'list' or kind == 'none' then lengths[i] = redis.call('LLEN', key)
              elseif kind == 'set' then lengths[i] = redis.call('SCARD', key)
              elseif kind == 'zset' then lengths[i] = redis.call('ZCARD', key)
              elseif kind == 'hash' then lengths[i] = redis.call('HLEN', key)
              else lengths[i] = kind end
            end
            return lengths
            """;

    RedisListSource(RedisEndpoint endpoint, SourceContext context) {
        super(endpoint, context);
    }

    @Override
    public Metric prepare(Settings params) {
        String listName = params.string("listName");
        int databaseIndex = params.integer("databaseIndex", 0, 0, 1_000_000);
        if (listName != null && listName.isEmpty()) {
            params.problem("listName", "must not be empty");
        }
        return params.hasProblems() ? null : new ListMetric(listName, databaseIndex);
    }

    @Override
    public Map<Metric, Reading> measure(Collection<Metric> batch, Deadline deadline) throws RedisUnavailableException {
        Map<Integer, List<String>> keysByDatabase = new TreeMap<>();
        for (Metric metric : batch) {
            ListMetric list = (ListMetric) metric;
            List<String> keys = keysByDatabase.computeIfAbsent(list.databaseIndex(), db -> new ArrayList<>());
            if (!keys.contains(list.listName())) {
                keys.add(list.listName());
            }
        }
        List<List<String>> commands = new ArrayList<>();
        keysByDatabase.forEach((database, keys) -> {
            commands.add(List.of("SELECT", Integer.toString(database)));
            List<String> eval = new ArrayList<>(List.of("EVAL", LENGTHS, Integer.toString(keys.size())));
            eval.addAll(keys);
            commands.add(eval);
        });
        List<Object> replies = pipeline(commands, deadline);
        Map<Integer, Map<String, Object>> lengths = new HashMap<>();
        int index = 0;
        for (Map.Entry<Integer, List<String>> database : keysByDatabase.entrySet()) {
            Object select = replies.get(index++);
            Object eval = replies.get(index++);
            Map<String, Object> byKey = new HashMap<>();
            List<String> keys = database.getValue();
            for (int i = 0; i < keys.size(); i++) {
                byKey.put(keys.get(i), lengthOf(select, eval, i, database.getKey()));
            }
            lengths.put(database.getKey(), byKey);
        }
        Map<Metric, Reading> readings = new HashMap<>();
        for (Metric metric : batch) {
            ListMetric list = (ListMetric) metric;
            readings.put(metric, reading(list, lengths.get(list.databaseIndex()).get(list.listName())));
        }
        return readings;
    }

    /** The reply for key {@code i}: a {@code Long}, or a message for a failure. */
    private Object lengthOf(Object select, Object eval, int i, int database) {
        if (select instanceof RedisClient.ErrorReply error) {
            return "Redis at " + endpoint.describe() + " refused database " + database + ": "
                    + endpoint.redact(error.message()) + "; check databaseIndex (the server's 'databases' setting)";
        }
        if (eval instanceof RedisClient.ErrorReply error) {
            return "Redis at " + endpoint.describe() + " could not measure the lists: " + endpoint.redact(error.message());
        }
        if (!(eval instanceof List<?> values) || values.size() <= i) {
            return "Redis at " + endpoint.describe() + " answered the list lengths in an unexpected form";
        }
        return values.get(i);
    }

    private Reading reading(ListMetric list, Object length) {
        String subject = "list '" + list.listName() + "'";
        if (length instanceof Long value) {
            failures.succeeded(subject);
            return Reading.of(value);
        }
        String message = length instanceof String text ? text
                : "key '" + list.listName() + "'" + (list.databaseIndex() == 0 ? "" : " in database " + list.databaseIndex())
                        + " on Redis at " + endpoint.describe() + " is a " + Replies.text(length)
                        + ", not a list: listName must name a list (or a set, sorted set or hash)";
        metrics.count("binding_errors_total", 1);
        failures.failed(subject, message);
        return Reading.failure(message);
    }
}
