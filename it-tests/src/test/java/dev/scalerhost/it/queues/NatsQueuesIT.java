package dev.scalerhost.it.queues;

import static dev.scalerhost.it.queues.QueuesSetup.MAX_STALENESS;
import static dev.scalerhost.it.queues.QueuesSetup.awaitValue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.testservers.NatsServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code config/queues.yaml}'s NATS JetStream serviceType through the built distribution and a real
 * nats-server: KEDA's lag and activation, and an outage (last value until maxStaleness, then
 * UNAVAILABLE, never 0; values again once the server is back, without restarting the host).
 */
class NatsQueuesIT {

    private static NatsServer nats;
    private static QueuesHost queues;

    @BeforeAll
    static void start() throws Exception {
        nats = NatsServer.started();
        nats.addStream("SHIPMENTS", "shipments.>");
        nats.addConsumer("SHIPMENTS", "tracker");
        queues = QueuesSetup.start("nats-queues", Map.of("NATS_MONITORING_ENDPOINT", nats.monitoringEndpoint()));
    }

    @AfterAll
    static void stop() throws Exception {
        QueuesHost.closeAll(queues, nats);
    }

    @Test
    void servesConsumerLagWithKedasThresholdsThenAnOutageUntilMaxStalenessAndRecovers() throws Exception {
        KedaClient.Poll idle = awaitValue(queues.keda(), "shipment-tracker", 0);
        assertThat(idle.active()).as("no pending messages keeps the tracker at zero").isFalse();
        assertThat(idle.target()).as("lagThreshold is the target").isEqualTo(50);

        nats.publish("shipments.created", 120);
        nats.pull("SHIPMENTS", "tracker", 20);
        KedaClient.Poll busy = awaitValue(queues.keda(), "shipment-tracker", 120);
        assertThat(busy.active()).as("100 pending + 20 unacknowledged").isTrue();

        nats.stop();
        Outages.Outage outage = Outages.pollUntilUnavailable(queues, "shipment-tracker", MAX_STALENESS.plusSeconds(10));
        // The address came from the environment: a substituted value, shown redacted (README: substitution).
        outage.assertStaleThenUnavailable(120.0, "shipment-tracker", "nats", "NATS monitoring endpoint [redacted] is unreachable");

        nats.start();
        nats.publish("shipments.created", 5);
        List<Double> recovering = Outages.awaitRecovery(queues, "shipment-tracker", 125, Duration.ofSeconds(30));
        assertThat(recovering).as("old or new values while the server comes back, never 0").isSubsetOf(120.0, 125.0);
        assertThat(queues.process().isAlive()).isTrue();
    }
}
