package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an operator expects of the manifests under {@code distribution/kubernetes}, read from the
 * files as they are: selectors that select, a disruption budget, spread, a network policy, scraping,
 * sidecars without Prometheus and one image name everywhere.
 */
class ManifestInvariantsIT {

    private static Map<String, String> labels(JsonNode labels) {
        Map<String, String> map = new HashMap<>();
        labels.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    private static JsonNode podTemplate(Kustomization k) {
        return k.deployment().path("spec").path("template");
    }

    private static Map<String, String> podLabels(Kustomization k) {
        return labels(podTemplate(k).path("metadata").path("labels"));
    }

    private static void assertSelects(String what, JsonNode matchLabels, Map<String, String> pod) {
        Map<String, String> selector = labels(matchLabels);
        assertThat(selector).as(what + " selector").isNotEmpty();
        assertThat(pod).as(what + " selects the Deployment's pods").containsAllEntriesOf(selector);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"standalone", "sidecar"})
    void everySelectorSelectsTheDeploymentsPods(String form) {
        Kustomization k = Kustomization.named(form);
        Map<String, String> pod = podLabels(k);
        assertSelects("Deployment", k.deployment().path("spec").path("selector").path("matchLabels"), pod);
        for (JsonNode service : k.ofKind("Service")) {
            assertSelects("Service " + service.path("metadata").path("name").asText(), service.path("spec").path("selector"), pod);
        }
        for (JsonNode budget : k.ofKind("PodDisruptionBudget")) {
            assertSelects("PodDisruptionBudget", budget.path("spec").path("selector").path("matchLabels"), pod);
        }
        for (JsonNode policy : k.ofKind("NetworkPolicy")) {
            assertSelects("NetworkPolicy", policy.path("spec").path("podSelector").path("matchLabels"), pod);
        }
        for (JsonNode spread : podTemplate(k).path("spec").path("topologySpreadConstraints")) {
            assertSelects("topologySpreadConstraint", spread.path("labelSelector").path("matchLabels"), pod);
        }
    }

    @Test
    void theStandaloneReplicasSurviveADrainAndSpreadOverNodesAndZones() {
        Kustomization k = Kustomization.named("standalone");
        int replicas = k.deployment().path("spec").path("replicas").asInt();
        assertThat(replicas).isGreaterThanOrEqualTo(2);
        assertThat(k.ofKind("PodDisruptionBudget")).singleElement().satisfies(budget ->
                assertThat(budget.path("spec").path("minAvailable").asInt()).isBetween(1, replicas - 1));
        Set<String> keys = new HashSet<>();
        podTemplate(k).path("spec").path("topologySpreadConstraints").forEach(c -> keys.add(c.path("topologyKey").asText()));
        assertThat(keys).contains("kubernetes.io/hostname", "topology.kubernetes.io/zone");
    }

    @Test
    void theStandaloneNetworkPolicyAdmitsGrpcFromKedaAndHttpFromMonitoringOnly() {
        Kustomization k = Kustomization.named("standalone");
        Set<String> containerPorts = new HashSet<>();
        k.scalerContainer().path("ports").forEach(p -> containerPorts.add(p.path("name").asText()));
        assertThat(k.ofKind("NetworkPolicy")).as("a NetworkPolicy for the scaler's pods").hasSize(1);
        JsonNode policy = k.ofKind("NetworkPolicy").get(0);
        assertThat(policy.path("spec").path("policyTypes").toString()).contains("Ingress");

        Map<String, Set<String>> namespacesByPort = new HashMap<>();
        for (JsonNode rule : policy.path("spec").path("ingress")) {
            Set<String> namespaces = new HashSet<>();
            assertThat(rule.path("from")).as("every rule names its peers").isNotEmpty();
            for (JsonNode peer : rule.path("from")) {
                assertThat(peer.has("ipBlock")).as("no address ranges").isFalse();
                namespaces.add(peer.path("namespaceSelector").path("matchLabels").path("kubernetes.io/metadata.name").asText());
            }
            assertThat(rule.path("ports")).isNotEmpty();
            for (JsonNode port : rule.path("ports")) {
                assertThat(containerPorts).as("a container port of that name").contains(port.path("port").asText());
                namespacesByPort.computeIfAbsent(port.path("port").asText(), p -> new HashSet<>()).addAll(namespaces);
            }
        }
        assertThat(namespacesByPort).isEqualTo(Map.of("grpc", Set.of("keda"), "http", Set.of("monitoring")));
    }

    @Test
    void prometheusScrapesTheStandaloneHttpPortAtMetrics() {
        Kustomization k = Kustomization.named("standalone");
        JsonNode annotations = podTemplate(k).path("metadata").path("annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/metrics");
        int httpPort = -1;
        for (JsonNode port : k.scalerContainer().path("ports")) {
            if (port.path("name").asText().equals("http")) {
                httpPort = port.path("containerPort").asInt();
            }
        }
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(Integer.toString(httpPort));
        assertThat(k.config().path("server").path("http").path("port").asInt()).isEqualTo(httpPort);
    }

    @Test
    void theSidecarDependsOnNoPrometheus() {
        Kustomization k = Kustomization.named("sidecar");
        k.config().path("sources").forEach(source ->
                assertThat(source.path("type").asText()).as("sidecar source type").isNotEqualTo("prometheus"));
        for (JsonNode scaledObject : k.ofKind("ScaledObject")) {
            for (JsonNode trigger : scaledObject.path("spec").path("triggers")) {
                assertThat(trigger.path("metadata").path("serviceType").asText()).endsWith(SidecarPart.SUFFIX);
            }
        }
        k.scalerContainer().path("env").forEach(variable ->
                assertThat(variable.path("name").asText()).doesNotStartWith("PROMETHEUS"));
    }

    /** The image the Dockerfile's build comment tags; every manifest and both READMEs use that name. */
    @Test
    void oneImageNameIsUsedByTheDockerfileTheManifestsAndTheReadmes() throws IOException {
        Path root = Kustomization.sourceRoot();
        String dockerfile = Files.readString(root.resolve("distribution/docker/Dockerfile"), StandardCharsets.UTF_8);
        Matcher tag = Pattern.compile("docker build .* -t (\\S+) ").matcher(dockerfile);
        assertThat(tag.find()).as("the Dockerfile's comment shows the build command").isTrue();
        String image = tag.group(1);
        for (String form : List.of("standalone", "sidecar")) {
            assertThat(Kustomization.named(form).scalerContainer().path("image").asText()).as(form).isEqualTo(image);
        }
        assertThat(Files.readString(root.resolve("distribution/kubernetes/README.md"), StandardCharsets.UTF_8)).contains(image);
        assertThat(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8)).contains(image);
    }
}
