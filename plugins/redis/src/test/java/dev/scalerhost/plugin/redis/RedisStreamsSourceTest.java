package dev.scalerhost.plugin.redis;

import static dev.scalerhost.plugin.testkit.Measure.failure;
import static dev.scalerhost.plugin.testkit.Measure.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.plugin.testkit.LoadedConfig;
import dev.scalerhost.plugin.testkit.Measure;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.RedisServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: redis-streams} against a real redis-server 7: KEDA's three modes, exact figures, errors. */
class RedisStreamsSourceTest {

    private static RedisServer redis;
    private static final List<String> IDS = new ArrayList<>();

    /**
     * {@code events}: 10 entries; group {@code workers} has read 4 and acknowledged 1 (pending 3, lag 6);
     * group {@code auditors} starts at the end (pending 0, lag 0). {@code audit}: 2 entries, group
     * {@code gone} whose unread entry was deleted (Redis cannot tell its lag).
     */
    @BeforeAll
    static void seed() throws Exception {
        redis = SharedRedis.server();
        redis.command("XGROUP", "CREATE", "streams:events", "workers", "0", "MKSTREAM");
        for (int i = 0; i < 10; i++) {
            IDS.add(redis.command("XADD", "streams:events", "*", "n", Integer.toString(i)));
        }
        redis.command("XGROUP", "CREATE", "streams:events", "auditors", "$");
        redis.command("XREADGROUP", "GROUP", "workers", "w1", "COUNT", "4", "STREAMS", "streams:events", ">");
        redis.command("XACK", "streams:events", "workers", IDS.get(0));
        redis.command("XGROUP", "CREATE", "streams:audit", "gone", "0", "MKSTREAM");
        redis.command("XADD", "streams:audit", "*", "n", "1");
        String second = redis.command("XADD", "streams:audit", "*", "n", "2");
        redis.command("XDEL", "streams:audit", second);
        redis.command("SET", "streams:string", "x");
    }

    private static String config() {
        return """
                sources:
                  streams:
                    type: redis-streams
                    address: %s
                serviceTypes:
                  pending:      {source: streams, stream: "streams:events", consumerGroup: workers, pendingEntriesCount: 2}
                  lag:          {source: streams, stream: "streams:events", consumerGroup: workers, lagCount: 3, activationLagCount: 1}
                  length:       {source: streams, stream: "streams:events", streamLength: 4}
                  caught-up:    {source: streams, stream: "streams:events", consumerGroup: auditors, lagCount: 1}
                  by-default:   {source: streams, stream: "streams:events", consumerGroup: workers, target: 2}
                  audit-length: {source: streams, stream: "streams:audit", streamLength: 1}
                """.formatted(redis.address());
    }

    @Test
    void measuresPendingEntriesLagAndLengthExactlyWithOneXinfoPerStream(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, config())) {
            assertThat(config.problems()).isEmpty();
            assertThat(config.config().serviceTypes().get("lag").target()).isEqualTo(3);
            assertThat(config.config().serviceTypes().get("lag").activation()).isEqualTo(1);

            long xinfo = redis.commandCalls("xinfo|groups");
            long xlen = redis.commandCalls("xlen");
            Map<String, Reading> readings = Measure.all(config, "streams");

            assertThat(value(readings.get("pending"))).isEqualTo(3);
            assertThat(value(readings.get("lag"))).isEqualTo(6);
            assertThat(value(readings.get("length"))).isEqualTo(10);
            assertThat(value(readings.get("caught-up"))).isZero();
            assertThat(value(readings.get("by-default"))).as("a group and plain target: pending entries, as KEDA")
                    .isEqualTo(3);
            assertThat(value(readings.get("audit-length"))).isEqualTo(1);
            assertThat(redis.commandCalls("xinfo|groups") - xinfo).as("one XINFO GROUPS for four group bindings")
                    .isEqualTo(1);
            assertThat(redis.commandCalls("xlen") - xlen).as("one XLEN per stream measured by length").isEqualTo(2);
        }
    }

    @Test
    void commandsPerRefreshDoNotGrowWithTheNumberOfBindings(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, config())) {
            var source = config.source("streams");
            List<Metric> one = List.of(config.metric("pending"));
            List<Metric> four = List.of(config.metric("pending"), config.metric("lag"), config.metric("caught-up"),
                    config.metric("by-default"));
            long before = calls();
            Measure.batch(source, one);
            long forOne = calls() - before;
            before = calls();
            Measure.batch(source, four);
            assertThat(calls() - before).isEqualTo(forOne).isEqualTo(2);
        }
    }

    private static long calls() throws Exception {
        return redis.commandCalls("xinfo|groups") + redis.commandCalls("xlen") + redis.commandCalls("select");
    }

    @Test
    void aMissingGroupOrStreamFailsOnlyItsBindingAndNamesIt(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  streams: {type: redis-streams, address: "%s"}
                serviceTypes:
                  no-group:  {source: streams, stream: "streams:events", consumerGroup: nobody, lagCount: 5}
                  no-stream: {source: streams, stream: "streams:never", consumerGroup: workers, pendingEntriesCount: 5}
                  not-a-stream: {source: streams, stream: "streams:string", consumerGroup: workers, lagCount: 5}
                  unknown-lag: {source: streams, stream: "streams:audit", consumerGroup: gone, lagCount: 5}
                  fine:      {source: streams, stream: "streams:events", consumerGroup: workers, lagCount: 5}
                """.formatted(redis.address()))) {
            Map<String, Reading> readings = Measure.all(config, "streams");
            assertThat(failure(readings.get("no-group"))).isEqualTo("consumer group 'nobody' does not exist on stream"
                    + " 'streams:events' on Redis at " + redis.address() + "; its groups: auditors, workers;"
                    + " create it (XGROUP CREATE) or fix consumerGroup");
            assertThat(failure(readings.get("no-stream"))).startsWith("stream 'streams:never' on Redis at "
                    + redis.address() + " does not exist, so consumer group 'workers' has nothing to measure");
            assertThat(failure(readings.get("not-a-stream"))).isEqualTo("key 'streams:string' on Redis at "
                    + redis.address() + " is not a stream: stream must name a Redis stream");
            assertThat(failure(readings.get("unknown-lag"))).startsWith("Redis cannot tell the lag of group 'gone' on"
                    + " stream 'streams:audit'").contains("fails rather than guess");
            assertThat(value(readings.get("fine"))).isEqualTo(6);
        }
    }

    @Test
    void keysThatContradictKedasModesAreReported(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  streams: {type: redis-streams, address: "127.0.0.1:1"}
                serviceTypes:
                  lag-without-group: {source: streams, stream: s, lagCount: 5}
                  length-with-group: {source: streams, stream: s, consumerGroup: g, streamLength: 5}
                  two-modes:         {source: streams, stream: s, consumerGroup: g, lagCount: 5, pendingEntriesCount: 5}
                  no-target:         {source: streams, stream: s, consumerGroup: g}
                """)) {
            assertThat(config.problems()).anySatisfy(p -> assertThat(p)
                    .startsWith("serviceTypes.lag-without-group.consumerGroup").contains("required with lagCount"));
            assertThat(config.problems()).anySatisfy(p -> assertThat(p)
                    .startsWith("serviceTypes.length-with-group.consumerGroup").contains("has no meaning with streamLength"));
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("serviceTypes.two-modes.")
                    .contains("two spellings"));
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("serviceTypes.no-target.target")
                    .contains("lagCount, pendingEntriesCount, streamLength"));
        }
    }
}
