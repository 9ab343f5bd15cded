package dev.scalerhost.plugin.httpjson;

import static dev.scalerhost.plugin.httpjson.Sources.openProblems;
import static dev.scalerhost.plugin.httpjson.Sources.prepareProblems;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.config.NodeSettings;
import dev.scalerhost.host.config.TestSettings;
import dev.scalerhost.spi.MetricSource;
import dev.scalerhost.spi.MetricSourceProvider;
import dev.scalerhost.spi.SpiVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source and binding keys are validated at load time, every problem reported with its path, no secret shown. */
class SettingsValidationTest {

    @Test
    void providerIsRegisteredWithKedaMetricsApiAliases() {
        MetricSourceProvider provider = ServiceLoader.load(MetricSourceProvider.class).stream()
                .map(ServiceLoader.Provider::get).filter(p -> p.type().equals("http-json")).findFirst().orElseThrow();
        assertThat(provider.spiVersion()).isEqualTo(SpiVersion.CURRENT);
        assertThat(provider.bindingKeyAliases()).containsExactlyInAnyOrderEntriesOf(
                Map.of("targetValue", "target", "activationTargetValue", "activation"));
    }

    @Test
    void describesTheUrlWithoutItsQueryWhichMayHoldAKey() throws Exception {
        try (MetricSource source = Sources.open("s", Map.of("url", "http://127.0.0.1:9/api/stats?key=abc"))) {
            assertThat(source.describe()).isEqualTo("http://127.0.0.1:9/api/stats");
        }
    }

    @Test
    void reportsUrlProblems() throws Exception {
        assertThat(openProblems(Map.of())).containsExactly("sources.s.url: required");
        assertThat(openProblems(Map.of("url", "ftp://x/a"))).containsExactly("sources.s.url: must start with http:// or https://");
        assertThat(openProblems(Map.of("url", "http://x y"))).singleElement().asString().contains("is not a valid URL");
        assertThat(openProblems(Map.of("url", "http://user:hunter22@x/a"))).singleElement().asString()
                .contains("must not contain credentials").doesNotContain("hunter22");
        assertThat(openProblems(Map.of("url", "http://x/a#frag"))).containsExactly("sources.s.url: must not contain a fragment (#...)");
    }

    @Test
    void reportsEveryAuthenticationProblemWithoutPrintingSecrets() throws Exception {
        assertThat(openProblems(Map.of("url", "http://x", "bearerToken", "t0ken-value", "username", "u")))
                .containsExactly("sources.s.bearerToken: set either bearerToken or username and password, not both");
        assertThat(openProblems(Map.of("url", "http://x", "password", "p4ssword")))
                .containsExactly("sources.s.password: is set without username");
        assertThat(openProblems(Map.of("url", "http://x", "bearerToken", "t0ken-value",
                "headers", Map.of("authorization", "Bearer other"))))
                .containsExactly("sources.s.headers: an Authorization header conflicts with bearerToken or username");
        assertThat(openProblems(Map.of("url", "http://x", "bearerToken", "  ")))
                .containsExactly("sources.s.bearerToken: is empty; check the variable or file it comes from");
        assertThat(openProblems(Map.of("url", "http://x", "headers", Map.of("Host", "y", "bad name", "v"))))
                .containsExactlyInAnyOrder(
                        "sources.s.headers: header 'Host' is set by the HTTP client and cannot be configured",
                        "sources.s.headers: 'bad name' is not a valid HTTP header name");
    }

    @Test
    void reportsTlsProblems(@TempDir Path directory) throws Exception {
        Path notPem = Files.writeString(directory.resolve("ca.pem"), "not a certificate");
        assertThat(openProblems(Map.of("url", "https://x", "tls", Map.of())))
                .containsExactly("sources.s.tls.caFile: required");
        assertThat(openProblems(Map.of("url", "https://x", "tls", Map.of("caFile", directory.resolve("none.pem").toString()))))
                .singleElement().asString().startsWith("sources.s.tls.caFile: cannot read " + directory.resolve("none.pem"));
        assertThat(openProblems(Map.of("url", "https://x", "tls", Map.of("caFile", notPem.toString()))))
                .singleElement().asString().startsWith("sources.s.tls.caFile: ");
        assertThat(openProblems(Map.of("url", "https://x", "tls", Map.of("caFile", "/x", "insecure", true))))
                .anySatisfy(problem -> assertThat(problem).contains("tls.insecure"));
    }

    @Test
    void reportsBindingProblemsWithTheKeyAndAnExample() throws Exception {
        try (MetricSource source = Sources.open("s", Map.of("url", "http://127.0.0.1:1/stats?team=a"))) {
            assertThat(prepareProblems(source, Map.of())).containsExactly("serviceTypes.t.valueLocation: required");
            assertThat(prepareProblems(source, Map.of("valueLocation", " ")))
                    .containsExactly("serviceTypes.t.valueLocation: must not be empty");
            assertThat(prepareProblems(source, Map.of("valueLocation", "items.#.value"))).singleElement().asString()
                    .contains("'#' belongs to GJSON queries", "/items/0/value");
            assertThat(prepareProblems(source, Map.of("valueLocation", "data..depth"))).singleElement().asString()
                    .contains("empty name");
            assertThat(prepareProblems(source, Map.of("valueLocation", "/a", "format", "xml"))).singleElement().asString()
                    .startsWith("serviceTypes.t.format:").contains("json");
            assertThat(prepareProblems(source, Map.of("valueLocation", "/a", "url", "http://127.0.0.1:2/stats")))
                    .containsExactly("serviceTypes.t.url: must stay on the source's server http://127.0.0.1:1, because "
                            + "the source's credentials go with every request; declare another source for http://127.0.0.1:2");
            assertThat(prepareProblems(source, Map.of("valueLocation", "/a", "url", "/x#y")))
                    .containsExactly("serviceTypes.t.url: must not contain credentials or a fragment (#...)");
            NodeSettings typo = TestSettings.fromMap("serviceTypes.t", Map.of("valueLocation", "/a", "valueLocaton", "x"));
            source.prepare(typo);
            typo.reportUnknownKeys();
            assertThat(Sources.problems(typo)).singleElement().asString().contains("valueLocaton", "valueLocation");
        }
    }

    @Test
    void bindingUrlResolvesAgainstTheSourceUrl() throws Exception {
        try (MetricSource source = Sources.open("s", Map.of("url", "http://127.0.0.1:1/api/v1/stats"))) {
            assertThat(Sources.prepare(source, Map.of("valueLocation", "/a", "url", "queues?name=b")).describe())
                    .isEqualTo("/a of http://127.0.0.1:1/api/v1/queues");
            assertThat(((JsonValueMetric) Sources.prepare(source, Map.of("valueLocation", "a.b", "format", "JSON"))).url())
                    .hasToString("http://127.0.0.1:1/api/v1/stats");
            assertThat(((JsonValueMetric) Sources.prepare(source, Map.of("valueLocation", "x/y.z~w"))).location()
                    .pointer()).hasToString("/x~1y/z~0w");
        }
    }
}
