package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's "Using it from KEDA" example works against the shipped standalone manifests as they
 * are: its scalerAddress is a name the serving certificate carries, at the Service's gRPC port, and
 * its authenticationRef is the manifests' TriggerAuthentication, shown as the manifests have it.
 */
class ReadmeKedaExampleIT {

    private static List<JsonNode> example() throws IOException {
        Path readme = Kustomization.sourceRoot().resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int section = text.indexOf("## Using it from KEDA");
        assertThat(section).as("README section").isNotNegative();
        int start = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        int end = text.indexOf("```", start);
        Path block = Files.createTempFile("readme-keda", ".yaml");
        try {
            Files.writeString(block, text.substring(start, end));
            return Kustomization.read(block);
        } finally {
            Files.delete(block);
        }
    }

    private static JsonNode ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("the README's example has no " + kind));
    }

    @Test
    void theScalerAddressIsANameOfTheServingCertificateAtTheServicesGrpcPort() throws IOException {
        Kustomization k = Kustomization.named("standalone");
        JsonNode trigger = ofKind(example(), "ScaledObject").path("spec").path("triggers").get(0);
        String[] address = trigger.path("metadata").path("scalerAddress").asText().split(":");

        JsonNode serving = k.ofKind("Certificate").stream()
                .filter(c -> c.path("spec").path("usages").toString().contains("server auth")).findFirst().orElseThrow();
        assertThat(serving.path("spec").path("dnsNames").toString()).as("KEDA verifies " + address[0])
                .contains("\"" + address[0] + "\"");
        assertThat(address[0]).as("the Service's name in the manifests' namespace")
                .startsWith(k.ofKind("Service").get(0).path("metadata").path("name").asText() + "." + k.namespace() + ".");
        boolean grpcPort = false;
        for (JsonNode port : k.ofKind("Service").get(0).path("spec").path("ports")) {
            grpcPort |= port.path("name").asText().equals("grpc") && port.path("port").asText().equals(address[1]);
        }
        assertThat(grpcPort).as("port " + address[1] + " is the Service's gRPC port").isTrue();
        assertThat(k.config().path("serviceTypes").has(trigger.path("metadata").path("serviceType").asText())).isTrue();
    }

    @Test
    void theAuthenticationRefIsTheManifestsTriggerAuthenticationWithKedasTlsParameters() throws IOException {
        Kustomization k = Kustomization.named("standalone");
        List<JsonNode> example = example();
        JsonNode trigger = ofKind(example, "ScaledObject").path("spec").path("triggers").get(0);
        JsonNode shown = ofKind(example, "TriggerAuthentication");
        JsonNode shipped = k.ofKind("TriggerAuthentication").get(0);

        assertThat(trigger.path("authenticationRef").path("name").asText())
                .isEqualTo(shipped.path("metadata").path("name").asText())
                .isEqualTo(shown.path("metadata").path("name").asText());
        assertThat(shown.path("spec")).isEqualTo(shipped.path("spec"));
        List<String> parameters = shown.path("spec").path("secretTargetRef").findValuesAsText("parameter");
        assertThat(parameters).containsExactlyInAnyOrder("caCert", "tlsClientCert", "tlsClientKey");
        assertThat(((ObjectNode) k.config().path("server").path("grpc").path("tls")).has("clientCa"))
                .as("the manifests require a client certificate, so the example must show one").isTrue();
    }
}
