package dev.scalerhost.plugin.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Source and binding keys are validated at load time, every problem reported with its path. */
class SettingsValidationTest {

    private static List<String> openProblems(MetricSourceProvider provider, Map<String, ?> keys) throws Exception {
        NodeSettings settings = TestSettings.fromMap("sources.s", keys);
        assertThat(provider.open(settings, Sources.context("s"))).isNull();
        return Sources.problems(settings);
    }

    private static List<String> prepareProblems(MetricSourceProvider provider, Map<String, ?> params) throws Exception {
        try (MetricSource source = Sources.open(provider, "s", Map.of("url", "http://127.0.0.1:1"))) {
            NodeSettings settings = TestSettings.fromMap("serviceTypes.t", params);
            assertThat(source.prepare(settings)).isNull();
            return Sources.problems(settings);
        }
    }

    @Test
    void bothProvidersAreRegisteredForTheServiceLoader() {
        assertThat(ServiceLoader.load(MetricSourceProvider.class).stream().map(ServiceLoader.Provider::get)
                .map(MetricSourceProvider::type)).contains("prometheus", "metrics-endpoint");
        assertThat(new PrometheusSourceProvider().bindingKeyAliases())
                .containsExactlyInAnyOrderEntriesOf(Map.of("threshold", "target", "activationThreshold", "activation"));
    }

    @Test
    void unknownKeyHintListsEveryKeyThePluginAccepts() throws Exception {
        NodeSettings sourceKeys = TestSettings.fromMap("sources.s", Map.of("url", "http://127.0.0.1:1", "bogus", 1));
        try (MetricSource source = new PrometheusSourceProvider().open(sourceKeys, Sources.context("s"))) {
            sourceKeys.reportUnknownKeys();
            assertThat(Sources.problems(sourceKeys)).containsExactly("sources.s.bogus: unknown key 'bogus' (known keys: "
                    + "bearerToken, customHeaders, headers, namespace, password, queryParameters, serverAddress, tls, "
                    + "unsafeSsl, url, username)");

            NodeSettings binding = TestSettings.fromMap("serviceTypes.t", Map.of("query", "up", "bogus", 1));
            source.prepare(binding);
            binding.reportUnknownKeys();
            assertThat(Sources.problems(binding)).containsExactly("serviceTypes.t.bogus: unknown key 'bogus' (known keys: "
                    + "aggregate, emptyAs, ignoreNullValues, namespace, query)");
        }
    }

    @Test
    void openDoesNotTouchTheNetwork() throws Exception {
        long start = System.nanoTime();
        try (MetricSource source = Sources.open(new PrometheusSourceProvider(), "far",
                Map.of("url", "http://10.255.255.1:9090"))) {
            assertThat(source.describe()).isEqualTo("http://10.255.255.1:9090");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    }

    @Test
    void reportsEveryUrlAndAuthenticationProblemWithoutPrintingSecrets() throws Exception {
        assertThat(openProblems(new PrometheusSourceProvider(), Map.of()))
                .containsExactly("sources.s.url: required");
        assertThat(openProblems(new PrometheusSourceProvider(), Map.of("url", "ftp://x")))
                .containsExactly("sources.s.url: must start with http:// or https://");
        assertThat(openProblems(new PrometheusSourceProvider(), Map.of("url", "http://user:hunter22@x:9090")))
                .singleElement().asString().contains("must not contain credentials").doesNotContain("hunter22");
        assertThat(openProblems(new PrometheusSourceProvider(), Map.of("url", "http://x:9090?tenant=a")))
                .singleElement().asString().contains("queryParameters");
        assertThat(openProblems(new PrometheusSourceProvider(), Map.of("url", "http://x",
                "bearerToken", "secret-token", "username", "u", "queryParameters", Map.of("query", "up"))))
                .containsExactly("sources.s.bearerToken: set either bearerToken or username and password, not both",
                        "sources.s.queryParameters: must not set 'query'; the binding's query key does")
                .noneMatch(problem -> problem.contains("secret-token"));
        assertThat(openProblems(new MetricsEndpointSourceProvider(), Map.of("url", "http://x", "password", "p4ss")))
                .containsExactly("sources.s.password: is set without username");
        assertThat(openProblems(new MetricsEndpointSourceProvider(), Map.of("url", "http://x",
                "headers", Map.of("Host", "y"))))
                .singleElement().asString().contains("'Host' is set by the HTTP client");
    }

    @Test
    void reportsTlsFileProblems() throws Exception {
        assertThat(openProblems(new PrometheusSourceProvider(), Map.of("url", "https://x",
                "tls", Map.of("certFile", "/no/such/cert.pem"))))
                .containsExactly("sources.s.tls.keyFile: certFile and keyFile must be set together");
        assertThat(openProblems(new PrometheusSourceProvider(), Map.of("url", "https://x",
                "tls", Map.of("caFile", "/no/such/ca.pem"))))
                .singleElement().asString().startsWith("sources.s.tls.caFile: cannot read /no/such/ca.pem");
    }

    @Test
    void reportsBindingProblems() throws Exception {
        assertThat(prepareProblems(new PrometheusSourceProvider(), Map.of("aggregate", "median")))
                .satisfiesExactly(
                        query -> assertThat(query).isEqualTo("serviceTypes.t.query: required"),
                        aggregate -> assertThat(aggregate).startsWith("serviceTypes.t.aggregate: ").contains("median"));
        assertThat(prepareProblems(new PrometheusSourceProvider(), Map.of("query", " ")))
                .containsExactly("serviceTypes.t.query: must not be empty");
        assertThat(prepareProblems(new MetricsEndpointSourceProvider(), Map.of("metric", "bad-name",
                "labelsRegex", Map.of("source", "(unclosed"), "emptyAs", "zero")))
                .satisfiesExactly(
                        metric -> assertThat(metric).isEqualTo(
                                "serviceTypes.t.metric: 'bad-name' is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)"),
                        regex -> assertThat(regex).isEqualTo(
                                "serviceTypes.t.labelsRegex: the pattern for label 'source' is invalid: Unclosed group"),
                        emptyAs -> assertThat(emptyAs).startsWith("serviceTypes.t.emptyAs: "));
    }
}
