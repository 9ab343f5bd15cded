package dev.scalerhost.plugin.redis;

import static dev.scalerhost.plugin.testkit.Measure.failure;
import static dev.scalerhost.plugin.testkit.Measure.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.plugin.testkit.LoadedConfig;
import dev.scalerhost.plugin.testkit.Measure;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.Reading;
import dev.scalerhost.testservers.RedisServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code type: redis} against a real redis-server: list lengths, KEDA's keys, one command per refresh. */
class RedisListSourceTest {

    private static RedisServer redis;

    @BeforeAll
    static void seed() throws Exception {
        redis = SharedRedis.server();
        redis.command("RPUSH", "lists:orders", "1", "2", "3");
        redis.command("RPUSH", "lists:emails", "a", "b", "c", "d", "e", "f", "g");
        redis.command("SADD", "lists:set", "x", "y");
        redis.command("ZADD", "lists:zset", "1", "x", "2", "y", "3", "z", "4", "w");
        redis.command("HSET", "lists:hash", "k", "v");
        redis.command("SET", "lists:string", "not a list");
        redis.command("EVAL", "redis.call('SELECT', 2); redis.call('RPUSH', KEYS[1], 'a', 'b', 'c', 'd', 'e')", "1",
                "lists:orders");
    }

    private static String config() {
        return """
                sources:
                  redis:
                    type: redis
                    address: %s
                serviceTypes:
                  orders:   {source: redis, listName: "lists:orders", listLength: 2, activationListLength: 1}
                  emails:   {source: redis, listName: "lists:emails", listLength: 5}
                  tags:     {source: redis, listName: "lists:set", target: 1}
                  ranked:   {source: redis, listName: "lists:zset", target: 1}
                  fields:   {source: redis, listName: "lists:hash", target: 1}
                  empty:    {source: redis, listName: "lists:never-pushed", target: 1}
                  other-db: {source: redis, listName: "lists:orders", databaseIndex: 2, target: 1}
                  orders-2: {source: redis, listName: "lists:orders", target: 10}
                """.formatted(redis.address());
    }

    @Test
    void measuresEveryListOfTheSourceExactlyInOneScriptPerDatabase(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, config())) {
            assertThat(config.problems()).isEmpty();
            assertThat(config.config().serviceTypes().get("orders").target()).isEqualTo(2);
            assertThat(config.config().serviceTypes().get("orders").activation()).isEqualTo(1);

            long evalsBefore = redis.commandCalls("eval");
            Map<String, Reading> readings = Measure.all(config, "redis");
            long evals = redis.commandCalls("eval") - evalsBefore;

            assertThat(readings).hasSize(8);
            assertThat(value(readings.get("orders"))).isEqualTo(3);
            assertThat(value(readings.get("emails"))).isEqualTo(7);
            assertThat(value(readings.get("tags"))).isEqualTo(2);
            assertThat(value(readings.get("ranked"))).isEqualTo(4);
            assertThat(value(readings.get("fields"))).isEqualTo(1);
            assertThat(value(readings.get("empty"))).as("a missing list is an empty queue, as in KEDA").isZero();
            assertThat(value(readings.get("other-db"))).isEqualTo(5);
            assertThat(value(readings.get("orders-2"))).isEqualTo(3);
            assertThat(evals).as("one EVAL per database (0 and 2) for eight serviceTypes").isEqualTo(2);
        }
    }

    @Test
    void commandsPerRefreshDoNotGrowWithTheNumberOfBindings(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, config())) {
            var source = config.source("redis");
            Metric one = config.metric("orders");
            List<Metric> six = List.of(one, config.metric("emails"), config.metric("tags"), config.metric("ranked"),
                    config.metric("fields"), config.metric("empty"));
            Measure.batch(source, List.of(one));
            long before = redis.commandCalls("eval") + redis.commandCalls("select");
            Measure.batch(source, List.of(one));
            long forOne = redis.commandCalls("eval") + redis.commandCalls("select") - before;
            before = redis.commandCalls("eval") + redis.commandCalls("select");
            Measure.batch(source, six);
            long forSix = redis.commandCalls("eval") + redis.commandCalls("select") - before;
            assertThat(forOne).isEqualTo(2);
            assertThat(forSix).isEqualTo(forOne);
        }
    }

    @Test
    void aKeyOfAnotherTypeFailsOnlyItsBindingAndNamesIt(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  redis: {type: redis, address: "%s"}
                serviceTypes:
                  wrong:  {source: redis, listName: "lists:string", listLength: 5}
                  orders: {source: redis, listName: "lists:orders", listLength: 5}
                """.formatted(redis.address()))) {
            Map<String, Reading> readings = Measure.all(config, "redis");
            assertThat(failure(readings.get("wrong"))).isEqualTo("key 'lists:string' on Redis at " + redis.address()
                    + " is a string, not a list: listName must name a list (or a set, sorted set or hash)");
            assertThat(value(readings.get("orders"))).isEqualTo(3);
        }
    }

    @Test
    void reportsMissingAndContradictoryKeysWithTheirPaths(@TempDir Path dir) throws Exception {
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  redis: {type: redis, address: "redis.default.svc"}
                  both: {type: redis, address: "a:1", host: b}
                serviceTypes:
                  no-list: {source: both, listLength: 5}
                  twice:   {source: both, listName: q, listLength: 5, target: 5}
                """)) {
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("sources.redis.address")
                    .contains("must be host:port"));
            assertThat(config.problems()).anySatisfy(p -> assertThat(p).startsWith("sources.both.host")
                    .contains("either address"));
        }
    }

    @Test
    void aWrongPasswordIsReportedWithoutThePassword(@TempDir Path dir) throws Exception {
        redis.command("ACL", "SETUSER", "scaler", "on", ">right-password-1", "~lists:*", "+@all");
        try (LoadedConfig config = LoadedConfig.load(dir, """
                sources:
                  good: {type: redis, address: "%1$s", username: scaler, password: "${GOOD}"}
                  bad:  {type: redis, address: "%1$s", username: scaler, password: "${BAD}"}
                serviceTypes:
                  good-orders: {source: good, listName: "lists:orders", listLength: 5}
                  bad-orders:  {source: bad, listName: "lists:orders", listLength: 5}
                """.formatted(redis.address()), Map.of("GOOD", "right-password-1", "BAD", "wrong-password-2"))) {
            assertThat(config.problems()).isEmpty();
            assertThat(value(Measure.all(config, "good").get("good-orders"))).isEqualTo(3);
            assertThatThrownBy(() -> Measure.all(config, "bad"))
                    .isInstanceOf(RedisUnavailableException.class)
                    .hasMessageStartingWith("Redis at " + redis.address() + " refused the source's credentials")
                    .hasMessageContaining("WRONGPASS")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password-2"));
        }
    }

    @Test
    void failsWithinTheDeadlineWhileTheServerIsDownAndMeasuresAgainWhenItReturns(@TempDir Path dir) throws Exception {
        try (RedisServer own = RedisServer.started()) {
            own.command("RPUSH", "jobs", "1", "2", "3", "4");
            try (LoadedConfig config = LoadedConfig.load(dir, """
                    sources:
                      redis: {type: redis, address: "%s"}
                    serviceTypes:
                      jobs: {source: redis, listName: jobs, listLength: 5}
                    """.formatted(own.address()))) {
                var source = config.source("redis");
                Metric jobs = config.metric("jobs");
                assertThat(value(Measure.batch(source, List.of(jobs)).get(jobs))).isEqualTo(4);

                own.stop();
                long started = System.nanoTime();
                assertThatThrownBy(() -> source.measure(List.of(jobs), Deadline.after(Duration.ofSeconds(2))))
                        .isInstanceOf(RedisUnavailableException.class)
                        .hasMessageStartingWith("Redis at " + own.address() + " is unreachable: ");
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));

                own.start();
                assertThat(value(Measure.batch(source, List.of(jobs)).get(jobs)))
                        .as("the same source reconnects; the data survived the restart").isEqualTo(4);
            }
        }
    }
}
