package dev.scalerhost.it.queues;

import static dev.scalerhost.it.queues.QueuesSetup.MAX_STALENESS;
import static dev.scalerhost.it.queues.QueuesSetup.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.testservers.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code config/queues.yaml}'s Redis serviceTypes through the built distribution and a real
 * redis-server: KEDA's values and activation, and an outage (last value until maxStaleness, then
 * UNAVAILABLE, never 0; values again once Redis is back, without restarting the host).
 */
class RedisQueuesIT {

    private static RedisServer redis;
    private static QueuesHost queues;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServer.started();
        redis.command("XGROUP", "CREATE", "orders", "order-processors", "$", "MKSTREAM");
        queues = QueuesSetup.start("redis-queues", Map.of("REDIS_ADDRESS", redis.address()));
    }

    @AfterAll
    static void stop() throws Exception {
        QueuesHost.closeAll(queues, redis);
    }

    @Test
    void servesListLengthAndStreamLagWithKedasTargetsAndActivation() throws Exception {
        redis.command("DEL", "emails");
        KedaClient.Poll idle = awaitValue(queues.keda(), "email-sender", 0);
        assertThat(idle.active()).as("an empty list keeps the worker at zero").isFalse();
        assertThat(idle.target()).as("listLength is the target").isEqualTo(50);

        String[] push = new String[122];
        push[0] = "RPUSH";
        push[1] = "emails";
        for (int i = 2; i < push.length; i++) {
            push[i] = "email-" + i;
        }
        redis.command(push);
        KedaClient.Poll busy = awaitValue(queues.keda(), "email-sender", 120);
        assertThat(busy.active()).isTrue();
        assertThat(busy.valueInt()).isEqualTo(120);

        for (int i = 0; i < 7; i++) {
            redis.command("XADD", "orders", "*", "order", Integer.toString(i));
        }
        KedaClient.Poll lag = awaitValue(queues.keda(), "order-events", 7);
        assertThat(lag.active()).isTrue();
        assertThat(lag.target()).as("lagCount is the target").isEqualTo(100);
        redis.command("XREADGROUP", "GROUP", "order-processors", "p1", "COUNT", "7", "STREAMS", "orders", ">");
        assertThat(awaitValue(queues.keda(), "order-events", 0).active()).as("delivered entries are no longer lag").isFalse();
    }

    @Test
    void servesTheLastValueUntilMaxStalenessThenUnavailableAndRecoversWithoutARestart() throws Exception {
        redis.command("DEL", "emails");
        redis.command("RPUSH", "emails", "a", "b", "c");
        awaitValue(queues.keda(), "email-sender", 3);

        redis.stop();
        Outages.Outage outage = Outages.pollUntilUnavailable(queues, "email-sender", MAX_STALENESS.plusSeconds(10));
        // The address came from the environment: a substituted value, shown redacted (README: substitution).
        outage.assertStaleThenUnavailable(3.0, "email-sender", "redis", "Redis at [redacted] is unreachable");

        redis.start();
        redis.command("RPUSH", "emails", "d");
        List<Double> recovering = Outages.awaitRecovery(queues, "email-sender", 4, Duration.ofSeconds(30));
        assertThat(recovering).as("old or new values while reconnecting, never 0").isSubsetOf(3.0, 4.0);
        assertThat(queues.process().isAlive()).isTrue();
    }
}
