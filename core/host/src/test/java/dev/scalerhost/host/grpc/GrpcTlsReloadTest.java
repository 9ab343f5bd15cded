package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.GrpcAssertions.statusOf;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.config.TlsConfig;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.host.grpc.TestCertificates.Pem;
import dev.scalerhost.proto.ExternalScalerGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS whose files are replaced while the server runs, the way a Kubernetes Secret volume
 * (cert-manager) replaces them: the mounted directory is a symlink that is swapped to a new one.
 */
class GrpcTlsReloadTest {

    @TempDir
    static Path dir;

    private static Pem serverA;
    private static Pem serverB;
    private static Pem kedaA;
    private static Pem kedaB;
    private static Pem stranger;

    @BeforeAll
    static void makeCertificates() throws Exception {
        List<Pem> pems = TestCertificates.make(dir, "server-a", TestCertificates.server("scaler-a"),
                "server-b", TestCertificates.server("scaler-b"), "keda-a", TestCertificates.client("keda-a"),
                "keda-b", TestCertificates.client("keda-b"), "stranger", TestCertificates.client("stranger"));
        serverA = pems.get(0);
        serverB = pems.get(1);
        kedaA = pems.get(2);
        kedaB = pems.get(3);
        stranger = pems.get(4);
    }

    /** Writes a Secret-like version directory: tls.crt, tls.key and ca.crt (the trusted client certificate). */
    private static Path version(Path mount, String name, Pem server, Pem trustedClient) throws IOException {
        Path version = Files.createDirectories(mount.resolve(name));
        Files.copy(server.certificate(), version.resolve("tls.crt"));
        Files.copy(server.key(), version.resolve("tls.key"));
        Files.copy(trustedClient.certificate(), version.resolve("ca.crt"));
        return version;
    }

    /** Points {@code mount/..data} at {@code version} in one rename, as the kubelet does. */
    private static void activate(Path mount, Path version) throws IOException {
        Path next = mount.resolve("..data_tmp");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, version.getFileName());
        Files.move(next, mount.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private static double target(int port, Pem trustedServer, Pem client) throws InterruptedException, IOException {
        TlsChannelCredentials.Builder credentials = TlsChannelCredentials.newBuilder()
                .trustManager(trustedServer.certificate().toFile());
        if (client != null) {
            credentials.keyManager(client.certificate().toFile(), client.key().toFile());
        }
        return target(port, credentials.build());
    }

    private static double target(int port, ChannelCredentials credentials) throws InterruptedException {
        ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", port, credentials).build();
        try {
            return ExternalScalerGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                    .getMetricSpec(ref("ingest-logs")).getMetricSpecs(0).getTargetSizeFloat();
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(2, TimeUnit.SECONDS);
        }
    }

    private static ScalerHarness harness(Path mount) throws IOException {
        Path data = mount.resolve("..data");
        TlsConfig tls = new TlsConfig(data.resolve("tls.crt"), data.resolve("tls.key"), Optional.of(data.resolve("ca.crt")));
        return ScalerHarness.with(new MutableClock()).source("kafka", new FakeSource().set("ingest-logs", 1))
                .bind(serviceType("ingest-logs", "kafka", 10, 0, timing(100, 1000, 10_000), Set.of())).tls(tls).start();
    }

    @Test
    void mutualTlsAcceptsOnlyTheTrustedClientAndFollowsRotatedFiles() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("rotating"));
        activate(mount, version(mount, "v1", serverA, kedaA));
        try (ScalerHarness harness = harness(mount)) {
            int port = harness.port();
            assertThat(target(port, serverA, kedaA)).isEqualTo(10);
            assertThat(statusOf(() -> target(port, serverA, null)).getCode()).as("no client certificate")
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(statusOf(() -> target(port, serverA, stranger)).getCode()).as("untrusted client certificate")
                    .isEqualTo(Status.Code.UNAVAILABLE);

            activate(mount, version(mount, "v2", serverB, kedaB));

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(target(port, serverB, kedaB)).isEqualTo(10));
            assertThat(statusOf(() -> target(port, serverB, kedaA)).getCode()).as("the client CA was replaced")
                    .isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(statusOf(() -> target(port, serverA, kedaB)).getCode()).as("the server certificate was replaced")
                    .isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void aKeyThatDoesNotMatchItsCertificateIsIgnoredAndThePreviousPairKeepsServing() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("mismatched"));
        activate(mount, version(mount, "v1", serverA, kedaA));
        try (ScalerHarness harness = harness(mount)) {
            int port = harness.port();
            Path broken = version(mount, "v2", serverB, kedaA);
            Files.copy(serverA.key(), broken.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
            activate(mount, broken);
            Thread.sleep(3 * ReloadingTls.POLL_INTERVAL.toMillis());

            assertThat(target(port, serverA, kedaA)).isEqualTo(10);

            Files.copy(serverB.key(), broken.resolve("tls.key"), StandardCopyOption.REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(target(port, serverB, kedaA)).isEqualTo(10));
        }
    }
}
