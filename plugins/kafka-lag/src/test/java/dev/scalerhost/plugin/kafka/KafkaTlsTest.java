package dev.scalerhost.plugin.kafka;

import static dev.scalerhost.plugin.kafka.KafkaFixture.prepare;
import static dev.scalerhost.plugin.kafka.KafkaFixture.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.scalerhost.host.grpc.TestCertificates;
import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.KafkaBrokerTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lag over the broker's SSL, mutual-TLS and SASL_SSL listeners. Topics and offsets are set over
 * PLAINTEXT; only the source under test speaks TLS. One broker serves every test.
 */
class KafkaTlsTest {

    private static final String SCRAM_USER = "scaler";
    private static final String SCRAM_PASSWORD = "scram-secret-4711";

    @TempDir
    static Path certificates;
    private static TestCertificates.Pem server;
    private static TestCertificates.Pem stranger;
    private static TestCertificates.Pem client;
    private static TestCertificates.Pem intruder;
    private static KafkaBroker broker;
    private static KafkaFixture kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        List<TestCertificates.Pem> pems = TestCertificates.make(certificates,
                "broker", TestCertificates.server("broker"), "stranger", TestCertificates.server("stranger"),
                "scaler", TestCertificates.client("scaler"), "intruder", TestCertificates.client("intruder"));
        server = pems.get(0);
        stranger = pems.get(1);
        client = pems.get(2);
        intruder = pems.get(3);
        broker = KafkaBroker.started(KafkaBrokerTls.of(server.certificate(), server.key())
                .requiringClientCertificates(client.certificate())
                .withScramUser(SCRAM_USER, SCRAM_PASSWORD));
        kafka = new KafkaFixture(broker.bootstrapServers());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (kafka != null) {
            kafka.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void measuresExactLagOverTlsTrustingTheBrokersCaWithHostnameVerification(TestInfo test) throws Exception {
        String topic = laggingBy(45, test);
        KafkaLagSource source = open(broker.sslBootstrapServers(), "SSL", Map.of("tls",
                Map.of("caCert", pem(server.certificate()), "hostnameVerification", true)));

        assertThat(lag(source, topic)).isEqualTo(45);
    }

    @Test
    void refusesTheBrokerWithATlsErrorWhenNoCaIsConfigured(TestInfo test) throws Exception {
        String topic = laggingBy(7, test);
        KafkaLagSource source = open(broker.sslBootstrapServers(), "SSL", Map.of());

        assertThat(refusal(source, topic)).startsWith("Kafka cluster " + broker.sslBootstrapServers() + " unavailable: ")
                .contains("TLS handshake failed: unable to find valid certification path").contains("tls.caCert");
    }

    @Test
    void refusesTheBrokerWithATlsErrorWhenTheCaIsAnotherOne(TestInfo test) throws Exception {
        String topic = laggingBy(7, test);
        KafkaLagSource source = open(broker.sslBootstrapServers(), "SSL", Map.of("tls",
                Map.of("caCert", pem(stranger.certificate()))));

        assertThat(refusal(source, topic)).contains("TLS handshake failed: unable to find valid certification path");
    }

    @Test
    void measuresOverMutualTlsWithAPemClientCertificate(TestInfo test) throws Exception {
        String topic = laggingBy(12, test);
        KafkaLagSource source = open(broker.mutualTlsBootstrapServers(), "SSL", Map.of("tls", Map.of(
                "caCert", pem(server.certificate()), "clientCert", pem(client.certificate()),
                "clientKey", pem(client.key()))));

        assertThat(lag(source, topic)).isEqualTo(12);
    }

    @Test
    void measuresOverMutualTlsWithAPkcs12Keystore(TestInfo test) throws Exception {
        String topic = laggingBy(3, test);
        KafkaLagSource source = open(broker.mutualTlsBootstrapServers(), "SSL", Map.of("tls", Map.of(
                "caCert", pem(server.certificate()), "keystoreLocation", client.keystore().toString(),
                "keystoreType", "PKCS12", "keystorePassword", TestCertificates.KEYSTORE_PASSWORD)));

        assertThat(lag(source, topic)).isEqualTo(3);
    }

    @Test
    void isRefusedWithATlsErrorByTheMutualTlsListenerWithoutAClientCertificate(TestInfo test) throws Exception {
        String topic = laggingBy(5, test);
        KafkaLagSource source = open(broker.mutualTlsBootstrapServers(), "SSL", Map.of("tls",
                Map.of("caCert", pem(server.certificate()))));

        assertThat(refusal(source, topic)).contains("TLS handshake failed: Received fatal alert: bad_certificate")
                .contains("tls.clientCert");
    }

    @Test
    void isRefusedWithATlsErrorByTheMutualTlsListenerWithAnUntrustedClientCertificate(TestInfo test) throws Exception {
        String topic = laggingBy(5, test);
        String key = pem(intruder.key());
        KafkaLagSource source = open(broker.mutualTlsBootstrapServers(), "SSL", Map.of("tls", Map.of(
                "caCert", pem(server.certificate()), "clientCert", pem(intruder.certificate()), "clientKey", key)));

        assertThat(refusal(source, topic)).contains("TLS handshake failed: Received fatal alert: bad_certificate")
                .doesNotContain(key.lines().skip(1).findFirst().orElseThrow());
    }

    @Test
    void measuresOverSaslSslWithTheRightScramPassword(TestInfo test) throws Exception {
        String topic = laggingBy(21, test);
        KafkaLagSource source = open(broker.saslSslBootstrapServers(), "SASL_SSL", Map.of(
                "tls", Map.of("caCert", pem(server.certificate())),
                "sasl", Map.of("mechanism", "SCRAM-SHA-512", "username", SCRAM_USER, "password", SCRAM_PASSWORD)));

        assertThat(lag(source, topic)).isEqualTo(21);
    }

    @Test
    void isRefusedWithAnAuthenticationErrorWithoutThePasswordForAWrongScramPassword(TestInfo test) throws Exception {
        String topic = laggingBy(21, test);
        String wrong = "wrong-secret-0815";
        KafkaLagSource source = open(broker.saslSslBootstrapServers(), "SASL_SSL", Map.of(
                "tls", Map.of("caCert", pem(server.certificate())),
                "sasl", Map.of("mechanism", "SCRAM-SHA-512", "username", SCRAM_USER, "password", wrong)));

        assertThat(refusal(source, topic)).contains("SASL_AUTHENTICATION_FAILED").contains("invalid credentials")
                .doesNotContain(wrong).doesNotContain(SCRAM_PASSWORD);
    }

    private static KafkaLagSource open(String bootstrapServers, String protocol, Map<String, Object> security) {
        Map<String, Object> keys = new HashMap<>(security);
        keys.put("bootstrapServers", bootstrapServers);
        keys.put("securityProtocol", protocol);
        return kafka.open(keys);
    }

    private static String pem(Path file) throws Exception {
        return Files.readString(file);
    }

    /** A topic of two partitions that its group {@code topic.group} is {@code lag} records behind on. */
    private static String laggingBy(int lag, TestInfo test) throws Exception {
        String topic = test.getTestMethod().orElseThrow().getName();
        kafka.topicWithRecords(topic, 10 + lag, 10);
        kafka.commit(topic + ".group", topic, 0, 10, 1, 10);
        return topic;
    }

    private static double lag(KafkaLagSource source, String topic) throws Exception {
        return value(source, binding(source, topic)).value();
    }

    private static Metric binding(KafkaLagSource source, String topic) {
        return prepare(source, "consumerGroup", topic + ".group", "topic", topic, "target", 1000);
    }

    /** Measures and expects the cluster to count as unavailable, promptly and never as a value; returns the message. */
    private static String refusal(KafkaLagSource source, String topic) {
        Metric metric = binding(source, topic);
        long started = System.nanoTime();
        KafkaUnavailableException refused = catchThrowableOfType(KafkaUnavailableException.class,
                () -> source.measure(List.of(metric), Deadline.after(Duration.ofSeconds(8))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("%s: refused after %d ms: %s%n", topic, millis, refused == null ? null : refused.getMessage());
        assertThat(refused).as("measuring " + topic + " must fail, not give a value").isNotNull();
        // Well within the deadline: a refusal, not a broker that did not answer.
        assertThat(millis).isLessThan(5_000);
        assertThat(refused.getMessage()).doesNotContain(SCRAM_PASSWORD).doesNotContain(TestCertificates.KEYSTORE_PASSWORD);
        return refused.getMessage();
    }
}
