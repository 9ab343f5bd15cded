package dev.scalerhost.plugin.redis;

import dev.scalerhost.plugin.support.FailureLog;
import dev.scalerhost.plugin.support.TimedRequest;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.SourceContext;
import dev.scalerhost.spi.SourceMetrics;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * What the list and the streams sources of one Redis server share: the endpoint, the client, and one
 * timed pipeline per refresh whose failure is counted and logged once. What to send and how to read
 * the replies is the subclass's.
 */
abstract class RedisSource implements MetricSource {

    final RedisEndpoint endpoint;
    final SourceMetrics metrics;
    final FailureLog failures;
    private final RedisClient client;
    private final TimedRequest requests;

    RedisSource(RedisEndpoint endpoint, SourceContext context) {
        this.endpoint = endpoint;
        this.client = new RedisClient(endpoint, "scalerhost-" + context.sourceName());
        this.metrics = context.metrics();
        this.failures = new FailureLog(LoggerFactory.getLogger(context.loggerName()));
        this.requests = new TimedRequest(metrics, failures);
    }

    /** Sends {@code commands} in one round trip; see {@link RedisClient#pipeline}. */
    final List<Object> pipeline(List<List<String>> commands, Deadline deadline) throws RedisUnavailableException {
        return requests.send("Redis at " + endpoint.describe(), RedisUnavailableException.class,
                () -> client.pipeline(commands, deadline));
    }

    @Override
    public final String describe() {
        return endpoint.describe();
    }

    @Override
    public final void close() {
        client.close();
    }
}
