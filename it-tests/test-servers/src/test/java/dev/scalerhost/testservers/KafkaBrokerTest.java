package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class KafkaBrokerTest {

    @Test
    void servesRequestsKeepsTopicsAcrossRestartAndLeavesNothingBehindOnClose() throws Exception {
        Path dataDir;
        ProcessHandle child;
        try (KafkaBroker broker = KafkaBroker.started()) {
            dataDir = broker.dataDir();
            String bootstrap = broker.bootstrapServers();
            assertThat(bootstrap).startsWith("127.0.0.1:");
            createTopic(bootstrap, "survives-restart");

            broker.restart();

            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(topics(bootstrap)).contains("survives-restart");
            child = ProcessHandle.current().children()
                    .filter(p -> p.info().commandLine().orElse("").contains(broker.dataDir().toString()))
                    .findFirst().orElseThrow();
        }
        assertThat(child.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        assertThat(Files.exists(dataDir)).isFalse();
    }

    @Test
    void refusesConnectionsWhileStoppedAndServesAgainAfterStart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.started()) {
            int port = Integer.parseInt(broker.bootstrapServers().substring("127.0.0.1:".length()));
            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(accepts(port)).isFalse();

            broker.start();

            assertThat(broker.isRunning()).isTrue();
            assertThat(accepts(port)).isTrue();
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private static void createTopic(String bootstrap, String topic) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
    }

    private static java.util.Set<String> topics(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}
