package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestBindings.binding;
import static dev.scalerhost.host.engine.TestBindings.timing;
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
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
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

    /** PEM files: [certificate, private key] of the server (for 127.0.0.1) and of a client. */
    private static Path[] server;
    private static Path[] client;

    @BeforeAll
    static void makeCertificates() throws Exception {
        Process serverKeytool = keytool("server", "CN=localhost", "SAN=ip:127.0.0.1,dns:localhost");
        Process clientKeytool = keytool("client", "CN=keda-operator", "KeyUsage=digitalSignature");
        assertThat(serverKeytool.waitFor()).isZero();
        assertThat(clientKeytool.waitFor()).isZero();
        server = exportPem("server");
        client = exportPem("client");
    }

    private static Process keytool(String alias, String dname, String extension) throws IOException {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        return new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-ext", extension, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", dir.resolve(alias + ".p12").toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve(alias + ".log").toFile()).start();
    }

    private static Path[] exportPem(String alias) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(dir.resolve(alias + ".p12").toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        Path certificate = dir.resolve(alias + ".crt");
        Path key = dir.resolve(alias + ".key");
        Files.writeString(certificate, pem("CERTIFICATE", store.getCertificate(alias).getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", store.getKey(alias, "changeit".toCharArray()).getEncoded()));
        return new Path[] {certificate, key};
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static ScalerHarness harness(TlsConfig tls) throws IOException {
        return ScalerHarness.with(new MutableClock()).source("kafka", new FakeSource().set("ingest-logs", 1))
                .bind(binding("ingest-logs", "kafka", 10, 0, timing(100, 1000, 10_000), Set.of())).tls(tls).start();
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
        try (ScalerHarness harness = harness(new TlsConfig(server[0], server[1], Optional.empty()))) {
            ChannelCredentials trusting = TlsChannelCredentials.newBuilder().trustManager(server[0].toFile()).build();
            assertThat(target(harness.port(), trusting)).isEqualTo(10);

            Status plaintext = statusOf(() -> target(harness.port(), InsecureChannelCredentials.create()));
            assertThat(plaintext.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void mutualTlsRequiresAClientCertificateSignedByTheClientCa() throws Exception {
        try (ScalerHarness harness = harness(new TlsConfig(server[0], server[1], Optional.of(client[0])))) {
            ChannelCredentials withCertificate = TlsChannelCredentials.newBuilder().trustManager(server[0].toFile())
                    .keyManager(client[0].toFile(), client[1].toFile()).build();
            assertThat(target(harness.port(), withCertificate)).isEqualTo(10);

            ChannelCredentials anonymous = TlsChannelCredentials.newBuilder().trustManager(server[0].toFile()).build();
            Status refused = statusOf(() -> target(harness.port(), anonymous));
            assertThat(refused.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        }
    }

    @Test
    void unreadableCertificateFailsStartWithTheFileNamed() {
        Path missing = dir.resolve("missing.crt");
        assertThatThrownBy(() -> harness(new TlsConfig(missing, server[1], Optional.empty())).close())
                .isInstanceOf(IOException.class).hasMessageContaining("missing.crt");
        assertThat(List.of(server)).allMatch(Files::exists);
    }
}
