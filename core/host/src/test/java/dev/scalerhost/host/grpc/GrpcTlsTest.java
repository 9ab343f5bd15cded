package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.GrpcAssertions.statusOf;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.host.config.TlsConfig;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.proto.ExternalScalerGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and mutual TLS with self-signed certificates made by the JDK's keytool. */
class GrpcTlsTest {

    @TempDir
    static Path dir;

    private static TestCertificates.Pem server;
    private static TestCertificates.Pem client;

    @BeforeAll
    static void makeCertificates() throws Exception {
        List<TestCertificates.Pem> pems = TestCertificates.make(dir,
                "server", TestCertificates.server("localhost"), "client", TestCertificates.client("keda-operator"));
        server = pems.get(0);
        client = pems.get(1);
    }

    private static ScalerHarness harness(TlsConfig tls) throws IOException {
        return ScalerHarness.with(new MutableClock()).source("kafka", new FakeSource().set("ingest-logs", 1))
                .bind(serviceType("ingest-logs", "kafka", 10, 0, timing(100, 1000, 10_000), Set.of())).tls(tls).start();
    }

    private static double target(int port, ChannelCredentials credentials) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, credentials).build();
        try {
            return ExternalScalerGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getMetricSpec(ref("ingest-logs")).getMetricSpecs(0).getTargetSizeFloat();
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    @Test
    void tlsServesClientsThatTrustItsCertificateAndRefusesPlaintext() throws Exception {
        try (ScalerHarness harness = harness(new TlsConfig(server.certificate(), server.key(), Optional.empty()))) {
            ChannelCredentials trusting = TlsChannelCredentials.newBuilder().trustManager(server.certificate().toFile()).build();
            assertThat(target(harness.port(), trusting)).isEqualTo(10);

            Status plaintext = statusOf(() -> target(harness.port(), InsecureChannelCredentials.create()));
            assertThat(plaintext.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void mutualTlsRequiresAClientCertificateSignedByTheClientCa() throws Exception {
        try (ScalerHarness harness = harness(new TlsConfig(server.certificate(), server.key(), Optional.of(client.certificate())))) {
            ChannelCredentials withCertificate = TlsChannelCredentials.newBuilder().trustManager(server.certificate().toFile())
                    .keyManager(client.certificate().toFile(), client.key().toFile()).build();
            assertThat(target(harness.port(), withCertificate)).isEqualTo(10);

            ChannelCredentials anonymous = TlsChannelCredentials.newBuilder().trustManager(server.certificate().toFile()).build();
            Status refused = statusOf(() -> target(harness.port(), anonymous));
            assertThat(refused.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void unreadableCertificateFailsStartWithTheFileNamed() {
        Path missing = dir.resolve("missing.crt");
        assertThatThrownBy(() -> harness(new TlsConfig(missing, server.key(), Optional.empty())).close())
                .isInstanceOf(IOException.class).hasMessageContaining("missing.crt");
        assertThat(List.of(server.certificate(), server.key())).allMatch(Files::exists);
    }
}
