package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.host.grpc.TestCertificates;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void servesTlsMutualTlsAndScramOverTlsWithTheGivenCertificates(@TempDir Path dir) throws Exception {
        List<TestCertificates.Pem> pems = TestCertificates.make(dir, "broker", TestCertificates.server("broker"),
                "client", TestCertificates.client("client"));
        TestCertificates.Pem server = pems.get(0);
        TestCertificates.Pem client = pems.get(1);
        KafkaBrokerTls tls = KafkaBrokerTls.of(server.certificate(), server.key())
                .requiringClientCertificates(client.certificate())
                .withScramUser("alice", "alice-secret");
        Map<String, Object> trustServer = Map.of("ssl.truststore.type", "PEM",
                "ssl.truststore.certificates", Files.readString(server.certificate()));
        Map<String, Object> clientCertificate = Map.of("ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", client.keystore().toString(),
                "ssl.keystore.password", TestCertificates.KEYSTORE_PASSWORD);
        Map<String, Object> scram = Map.of("sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"alice-secret\";");
        try (KafkaBroker broker = KafkaBroker.started(tls)) {
            createTopic(broker.bootstrapServers(), "over-plaintext");

            assertThat(topics(broker.sslBootstrapServers(), "SSL", trustServer)).contains("over-plaintext");
            assertThat(topics(broker.mutualTlsBootstrapServers(), "SSL", merge(trustServer, clientCertificate)))
                    .contains("over-plaintext");
            assertThat(topics(broker.saslSslBootstrapServers(), "SASL_SSL", merge(trustServer, scram)))
                    .contains("over-plaintext");
            assertThatThrownBy(() -> topics(broker.mutualTlsBootstrapServers(), "SSL", trustServer))
                    .hasRootCauseInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    @Test
    void namesTheMissingListenerOfABrokerWithoutTls() throws Exception {
        try (KafkaBroker broker = new KafkaBroker()) {
            assertThatThrownBy(broker::sslBootstrapServers).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("SSL listener");
            assertThatThrownBy(broker::saslSslBootstrapServers).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("withScramUser");
        }
    }

    private static Map<String, Object> merge(Map<String, Object> a, Map<String, Object> b) {
        Map<String, Object> all = new HashMap<>(a);
        all.putAll(b);
        return all;
    }

    private static java.util.Set<String> topics(String bootstrap, String protocol, Map<String, Object> security)
            throws Exception {
        Map<String, Object> config = merge(security, Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.SECURITY_PROTOCOL_CONFIG, protocol,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        try (Admin admin = Admin.create(config)) {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
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
