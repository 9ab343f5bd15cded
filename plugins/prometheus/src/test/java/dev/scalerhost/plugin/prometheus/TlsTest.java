package dev.scalerhost.plugin.prometheus;

import static dev.scalerhost.plugin.prometheus.Sources.awaitValue;
import static dev.scalerhost.plugin.prometheus.Sources.failure;
import static dev.scalerhost.plugin.prometheus.Sources.measure;
import static dev.scalerhost.plugin.prometheus.Sources.prepare;
import static dev.scalerhost.plugin.prometheus.Sources.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scalerhost.host.grpc.TestCertificates;
import dev.scalerhost.spi.Metric;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.testservers.MetricsEndpoint;
import dev.scalerhost.testservers.PrometheusServer;
import dev.scalerhost.testservers.PrometheusTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both source types over HTTPS against a real Prometheus: {@code prometheus} queries its API,
 * {@code metrics-endpoint} scrapes its own {@code /metrics}. One Prometheus serves TLS alone, one
 * requires client certificates; hostname verification stays on throughout.
 */
class TlsTest {

    private static final String QUEUE_DEPTH = "max(" + MetricsEndpoint.QUEUE_DEPTH + "{source=\"store_coordinator\"})";
    /** A gauge Prometheus exports about itself, always 1. */
    private static final String BUILD_INFO = "prometheus_build_info";
    /**
     * A refused client certificate arrives as a handshake alert or, with TLS 1.3, as a connection closed
     * after the handshake; both messages end with this.
     */
    private static final String CLIENT_CERTIFICATE_REFUSED = "set tls.certFile and tls.keyFile to one it trusts";
    private static final String TOKEN = "tls-test-bearer-token-0451";

    @TempDir
    static Path certificates;
    private static TestCertificates.Pem server;
    private static TestCertificates.Pem stranger;
    private static TestCertificates.Pem client;
    private static TestCertificates.Pem intruder;
    private static MetricsEndpoint endpoint;
    private static PrometheusServer https;
    private static PrometheusServer mutual;
    private final List<MetricSource> opened = new ArrayList<>();

    @BeforeAll
    static void startPrometheus() throws Exception {
        assumeTrue(PrometheusServer.binary().isPresent() || "true".equals(System.getenv("CI")),
                "prometheus is not installed");
        // The server certificate names only 127.0.0.1, so https://localhost is a host name it does not cover.
        List<TestCertificates.Pem> pems = TestCertificates.make(certificates,
                "prometheus", "CN=prometheus|SAN=ip:127.0.0.1",
                "stranger", TestCertificates.server("stranger"),
                "scaler", TestCertificates.client("scaler"),
                "intruder", TestCertificates.client("intruder"));
        server = pems.get(0);
        stranger = pems.get(1);
        client = pems.get(2);
        intruder = pems.get(3);
        endpoint = MetricsEndpoint.start();
        endpoint.set(MetricsEndpoint.QUEUE_DEPTH, 1200, "source", "store_coordinator");
        PrometheusTls tls = PrometheusTls.server(server.certificate(), server.key());
        https = PrometheusServer.start(tls, endpoint.url());
        // The client certificate is self-signed, so it is also the CA the server checks clients against.
        PrometheusTls requiringClient =
                tls.requiringClientCertificates(client.certificate(), client.certificate(), client.key());
        mutual = PrometheusServer.start(requiringClient, endpoint.url());
    }

    @AfterAll
    static void stopPrometheus() {
        for (AutoCloseable server : new AutoCloseable[] {mutual, https, endpoint}) {
            if (server != null) {
                try {
                    server.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop " + server, e);
                }
            }
        }
    }

    @AfterEach
    void closeSources() throws Exception {
        for (MetricSource source : opened) {
            source.close();
        }
    }

    @Test
    void prometheusSourceQueriesTheExactValueTrustingTheServerCertificate() throws Exception {
        MetricSource source = prometheus(https, trusting(server));
        awaitValue(source, query(source, QUEUE_DEPTH), 1200);
    }

    @Test
    void prometheusSourceRefusesAServerItDoesNotTrust() throws Exception {
        assertRefusedForTls(prometheus(https, Map.of()), QUEUE_DEPTH, "certification path", "set tls.caFile");
        assertRefusedForTls(prometheus(https, trusting(stranger)), QUEUE_DEPTH,
                "certification path", "set tls.caFile");
    }

    @Test
    void prometheusSourceVerifiesTheHostName() throws Exception {
        MetricSource source = open(new PrometheusSourceProvider(), "https://localhost:" + https.port(),
                trusting(server));
        assertRefusedForTls(source, QUEUE_DEPTH, "no name matching localhost", "not issued for this host name");
    }

    @Test
    void unsafeSslAcceptsACertificateItCannotVerifyForAnyHostName() throws Exception {
        MetricSource source = Sources.open(new PrometheusSourceProvider(), "unsafe", Map.of(
                "serverAddress", "https://localhost:" + https.port(), "bearerToken", TOKEN, "unsafeSsl", "true"));
        opened.add(source);
        awaitValue(source, query(source, QUEUE_DEPTH), 1200);

        MetricSource withClientCertificate = Sources.open(new PrometheusSourceProvider(), "unsafe-mutual", Map.of(
                "url", "https://localhost:" + mutual.port(), "bearerToken", TOKEN, "unsafeSsl", true,
                "tls", Map.of("certFile", client.certificate().toString(), "keyFile", client.key().toString())));
        opened.add(withClientCertificate);
        awaitValue(withClientCertificate, query(withClientCertificate, QUEUE_DEPTH), 1200);
    }

    @Test
    void prometheusSourcePresentsTheClientCertificateTheServerRequires() throws Exception {
        MetricSource source = prometheus(mutual, presenting(client));
        awaitValue(source, query(source, QUEUE_DEPTH), 1200);
    }

    @Test
    void prometheusSourceIsRefusedWithoutATrustedClientCertificate() throws Exception {
        assertRefusedForTls(prometheus(mutual, trusting(server)), QUEUE_DEPTH, CLIENT_CERTIFICATE_REFUSED);
        assertRefusedForTls(prometheus(mutual, presenting(intruder)), QUEUE_DEPTH, CLIENT_CERTIFICATE_REFUSED);
    }

    @Test
    void metricsEndpointSourceReadsTheExactValueTrustingTheServerCertificate() throws Exception {
        MetricSource source = metricsEndpoint(https, trusting(server));
        assertThat(value(measure(source, sample(source, BUILD_INFO)))).isEqualTo(1);
    }

    @Test
    void metricsEndpointSourceRefusesAServerItDoesNotTrust() throws Exception {
        assertRefusedForTls(metricsEndpoint(https, Map.of()), BUILD_INFO, "certification path", "set tls.caFile");
        assertRefusedForTls(metricsEndpoint(https, trusting(stranger)), BUILD_INFO,
                "certification path", "set tls.caFile");
    }

    @Test
    void metricsEndpointSourcePresentsTheClientCertificateTheServerRequires() throws Exception {
        MetricSource source = metricsEndpoint(mutual, presenting(client));
        assertThat(value(measure(source, sample(source, BUILD_INFO)))).isEqualTo(1);
    }

    @Test
    void metricsEndpointSourceIsRefusedWithoutATrustedClientCertificate() throws Exception {
        assertRefusedForTls(metricsEndpoint(mutual, trusting(server)), BUILD_INFO, CLIENT_CERTIFICATE_REFUSED);
        assertRefusedForTls(metricsEndpoint(mutual, presenting(intruder)), BUILD_INFO,
                CLIENT_CERTIFICATE_REFUSED);
    }

    /** The reading is a failure, never a value, naming TLS and {@code details}, and holding no secret. */
    private void assertRefusedForTls(MetricSource source, String metric, String... details) throws Exception {
        Metric bound = source instanceof PrometheusSource ? query(source, metric) : sample(source, metric);
        String message = failure(measure(source, bound));
        assertThat(message).contains("TLS with ", " https://").contains(details).doesNotContain(TOKEN);
        for (Path key : List.of(server.key(), client.key(), intruder.key())) {
            String pem = Files.readString(key);
            assertThat(message).doesNotContain(pem.substring(pem.indexOf('\n') + 1, pem.indexOf('\n') + 41));
        }
    }

    private MetricSource prometheus(PrometheusServer target, Map<String, String> tls) throws Exception {
        return open(new PrometheusSourceProvider(), target.url().toString(), tls);
    }

    private MetricSource metricsEndpoint(PrometheusServer target, Map<String, String> tls) throws Exception {
        return open(new MetricsEndpointSourceProvider(), target.url() + "/metrics", tls);
    }

    /** A source with a bearer token, so that messages can be checked for it, and {@code tls} unless empty. */
    private MetricSource open(MetricSourceProvider provider, String url, Map<String, String> tls) throws Exception {
        Map<String, Object> keys = new HashMap<>(Map.of("url", url, "bearerToken", TOKEN));
        if (!tls.isEmpty()) {
            keys.put("tls", tls);
        }
        MetricSource source = Sources.open(provider, "tls-" + opened.size(), keys);
        opened.add(source);
        return source;
    }

    private static Map<String, String> trusting(TestCertificates.Pem ca) {
        return Map.of("caFile", ca.certificate().toString());
    }

    /** Trusts the server and presents {@code identity} as the client certificate. */
    private static Map<String, String> presenting(TestCertificates.Pem identity) {
        return Map.of("caFile", server.certificate().toString(),
                "certFile", identity.certificate().toString(), "keyFile", identity.key().toString());
    }

    private static Metric query(MetricSource source, String promql) {
        return prepare(source, Map.of("query", promql));
    }

    private static Metric sample(MetricSource source, String metric) {
        return prepare(source, Map.of("metric", metric));
    }
}
