package dev.scalerhost.testservers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalerhost.host.grpc.TestCertificates;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrometheusServerTest {

    private static void awaitValue(PrometheusServer prometheus, String query, String expected) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Optional<String> value = Optional.empty();
        while (System.nanoTime() - until < 0) {
            value = prometheus.queryValue(query);
            if (value.equals(Optional.of(expected))) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(value).as(query).contains(expected);
    }

    @Test
    void scrapesTheTargetAndSurvivesARestartOnTheSamePort() throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "prometheus is not installed");
        try (MetricsEndpoint endpoint = MetricsEndpoint.start()) {
            endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 1200, "source", "store_coordinator");
            PrometheusServer prometheus = PrometheusServer.start(endpoint.url());
            try (prometheus) {
                prometheus.awaitFirstScrape(Duration.ofSeconds(30));
                awaitValue(prometheus, MetricsEndpoint.QUEUE_DEPTH, "1200");

                endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 7000, "source", "store_coordinator");
                awaitValue(prometheus, MetricsEndpoint.QUEUE_DEPTH, "7000");

                int port = prometheus.port();
                prometheus.stop();
                assertThat(prometheus.isRunning()).isFalse();
                assertThat(prometheus.queryValue("up")).isEmpty();

                prometheus.start();
                assertThat(prometheus.port()).isEqualTo(port);
                awaitValue(prometheus, MetricsEndpoint.QUEUE_DEPTH, "7000");
            }
            assertThat(prometheus.isRunning()).isFalse();
            assertThat(prometheus.logFile()).doesNotExist();
        }
    }

    @Test
    void servesHttpsOnlyWithTheGivenCertificateAndCanRequireClientCertificates(@TempDir Path dir) throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "prometheus is not installed");
        List<TestCertificates.Pem> pems = TestCertificates.make(dir, "prometheus", TestCertificates.server("localhost"),
                "scaler", TestCertificates.client("scaler"));
        TestCertificates.Pem server = pems.get(0);
        TestCertificates.Pem client = pems.get(1);
        PrometheusTls tls = PrometheusTls.server(server.certificate(), server.key());
        PrometheusTls mutual = tls.requiringClientCertificates(client.certificate(), client.certificate(), client.key());
        try (MetricsEndpoint endpoint = MetricsEndpoint.start();
             PrometheusServer https = PrometheusServer.start(tls, endpoint.url());
             PrometheusServer mutualHttps = PrometheusServer.start(mutual, endpoint.url())) {
            assertThat(https.url().getScheme()).isEqualTo("https");
            assertThat(https.queryValue("vector(42)")).contains("42");
            assertThat(mutualHttps.queryValue("vector(42)")).contains("42");

            HttpClient trustingNoCertificate = HttpClient.newBuilder().sslContext(trusting(server.certificate())).build();
            assertThat(status(trustingNoCertificate, https.url())).isEqualTo(200);
            assertThat(status(HttpClient.newHttpClient(), URI.create("http://127.0.0.1:" + https.port())))
                    .as("plain HTTP").isEqualTo(400);
            assertThat(status(HttpClient.newHttpClient(), https.url())).as("default trust store").isEqualTo(-1);
            assertThat(status(trustingNoCertificate, mutualHttps.url())).as("no client certificate").isEqualTo(-1);
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        try (InputStream in = Files.newInputStream(certificate)) {
            store.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** The status of {@code GET /-/ready}, or -1 if the request fails (a refused TLS handshake). */
    private static int status(HttpClient client, URI base) throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(base + "/-/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException refused) {
            return -1;
        }
    }
}
