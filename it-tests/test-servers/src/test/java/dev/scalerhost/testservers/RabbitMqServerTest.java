package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class RabbitMqServerTest {

    @Test
    void startsWithManagementCountsRequestsAndKeepsDurableMessagesAcrossARestart() throws Exception {
        assumeTrue(RabbitMqServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "rabbitmq-server is not installed; under CI=true this fails instead");
        long started = System.nanoTime();
        try (RabbitMqServer rabbit = RabbitMqServer.started()) {
            System.out.printf("RabbitMQ ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
            rabbit.declareQueue("/", "launcher-test");
            rabbit.publish("/", "launcher-test", 3);
            rabbit.awaitMessages("/", "launcher-test", 3);
            assertThat(rabbit.accessCount("GET /api/queues/%2F/launcher-test ")).isPositive();

            rabbit.stop();
            assertThat(rabbit.isRunning()).isFalse();
            rabbit.start();
            rabbit.awaitMessages("/", "launcher-test", 3);
        }
    }
}
