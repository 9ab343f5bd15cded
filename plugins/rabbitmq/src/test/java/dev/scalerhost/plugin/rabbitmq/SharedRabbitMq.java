package dev.scalerhost.plugin.rabbitmq;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalerhost.testservers.RabbitMqServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The RabbitMQ broker the test classes of this module share (it takes seconds to start): started by the
 * first that asks, stopped when the test JVM ends. Tests isolate themselves by queue and vhost names.
 */
final class SharedRabbitMq {

    private static RabbitMqServer server;

    private SharedRabbitMq() {
    }

    static synchronized RabbitMqServer server() {
        assumeTrue(RabbitMqServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "rabbitmq-server is not installed (apt-get install rabbitmq-server); under CI=true this fails instead");
        if (server == null) {
            try {
                server = RabbitMqServer.started();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the shared RabbitMQ broker", e);
            }
            RabbitMqServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-rabbitmq-stop"));
        }
        return server;
    }
}
