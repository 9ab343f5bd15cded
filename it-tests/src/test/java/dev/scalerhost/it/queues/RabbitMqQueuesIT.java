package dev.scalerhost.it.queues;

import static dev.scalerhost.it.queues.QueuesSetup.MAX_STALENESS;
import static dev.scalerhost.it.queues.QueuesSetup.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.testservers.RabbitMqServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code config/queues.yaml}'s RabbitMQ serviceTypes through the built distribution and a real broker
 * with the management plugin: KEDA's values and activation, and an outage (last value until
 * maxStaleness, then UNAVAILABLE, never 0; values again once the broker is back, without a host restart).
 */
class RabbitMqQueuesIT {

    private static RabbitMqServer rabbit;
    private static QueuesHost queues;

    @BeforeAll
    static void start() throws Exception {
        rabbit = RabbitMqServer.started();
        rabbit.declareQueue("/", "invoices");
        rabbit.declareQueue("/", "webhooks.tenant-a");
        queues = QueuesSetup.start("rabbitmq-queues", Map.of(
                "RABBITMQ_MANAGEMENT_URL", rabbit.managementUrl().toString(),
                "RABBITMQ_USERNAME", RabbitMqServer.USER, "RABBITMQ_PASSWORD", RabbitMqServer.PASSWORD));
    }

    @AfterAll
    static void stop() throws Exception {
        QueuesHost.closeAll(queues, rabbit);
    }

    @Test
    void servesQueueLengthWithKedasValueAndActivation() throws Exception {
        rabbit.purge("/", "invoices");
        KedaClient.Poll idle = awaitValue(queues.keda(), "invoice-renderer", 0);
        assertThat(idle.active()).as("an empty queue keeps the workers at zero").isFalse();
        assertThat(idle.target()).as("value is the target").isEqualTo(20);

        rabbit.publish("/", "invoices", 45);
        KedaClient.Poll busy = awaitValue(queues.keda(), "invoice-renderer", 45);
        assertThat(busy.active()).isTrue();
        assertThat(busy.valueInt()).isEqualTo(45);

        KedaClient.Poll rate = queues.keda().poll("webhook-dispatcher");
        assertThat(rate.target()).isEqualTo(50);
        assertThat(rate.value()).as("a publish rate, not an error, for the queues matching ^webhooks\\.")
                .isGreaterThanOrEqualTo(0);
    }

    @Test
    void servesTheLastValueUntilMaxStalenessThenUnavailableAndRecoversWithoutARestart() throws Exception {
        rabbit.purge("/", "invoices");
        rabbit.publish("/", "invoices", 3);
        awaitValue(queues.keda(), "invoice-renderer", 3);

        // RabbitMQ takes seconds to shut down cleanly and stops answering early: poll from the moment it is told.
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(rabbit::stop);
        Outages.Outage outage = Outages.pollUntilUnavailable(queues, "invoice-renderer",
                MAX_STALENESS.plusSeconds(15));
        // The address came from the environment: a substituted value, shown redacted (README: substitution).
        outage.assertStaleThenUnavailable(3.0, "invoice-renderer", "rabbitmq", "RabbitMQ management API at [redacted] is unreachable");

        stopping.join();
        rabbit.start();
        rabbit.publish("/", "invoices", 1);
        List<Double> recovering = Outages.awaitRecovery(queues, "invoice-renderer", 4, Duration.ofSeconds(60));
        assertThat(recovering).as("old or new values while the broker comes back, never 0").isSubsetOf(3.0, 4.0);
        assertThat(queues.process().isAlive()).isTrue();
    }
}
