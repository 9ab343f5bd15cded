package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Helm chart under {@code distribution/helm/scalerhost}, rendered without a cluster: it lints and
 * renders with its defaults and every example values file, its ConfigMap passes the host's
 * {@code check --validate-only}, the Lakerunner example renders what the standalone kustomization
 * holds, and values that contradict the config fail the render with words.
 */
class HelmChartIT {

    private static final Path CHART = Kustomization.sourceRoot().resolve("distribution/helm/scalerhost");
    private static final Path EXAMPLES = CHART.resolve("examples");
    private static final String SIDECAR_SNIPPET = "sidecar-snippet.yaml";
    /** A documented {@code --set-file key=path} of an example's install command; paths are relative to the source root. */
    private static final Pattern SET_FILE = Pattern.compile("--set-file (\\S+)=(\\S+)");

    private final Helm helm = Helm.onPath();
    private final Distribution distribution = Distribution.unpacked();

    /** "default" and the name of every example values file, each with the helm arguments its header documents. */
    static Stream<String> valueSets() throws IOException {
        List<String> names = new ArrayList<>(List.of("default"));
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals(SIDECAR_SNIPPET))
                    .sorted().forEach(names::add);
        }
        assertThat(names).as("example values files").hasSizeGreaterThan(2);
        return names.stream();
    }

    private static List<String> valuesArguments(String valueSet) throws IOException {
        List<String> arguments = new ArrayList<>();
        if (valueSet.equals("default")) {
            return arguments;
        }
        Path file = EXAMPLES.resolve(valueSet);
        arguments.addAll(List.of("-f", file.toString()));
        Matcher setFile = SET_FILE.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (setFile.find()) {
            Path value = Kustomization.sourceRoot().resolve(setFile.group(2));
            assertThat(value).as(valueSet + " documents --set-file " + setFile.group()).isRegularFile();
            arguments.addAll(List.of("--set-file", setFile.group(1) + "=" + value));
        }
        return arguments;
    }

    private Helm.Result template(String release, String namespace, List<String> extra) {
        List<String> arguments = new ArrayList<>(List.of("template", release, CHART.toString(), "--namespace", namespace));
        arguments.addAll(extra);
        return helm.run(arguments);
    }

    private List<JsonNode> rendered(String valueSet) throws IOException {
        Helm.Result result = template("scalerhost", "lakerunner", valuesArguments(valueSet));
        assertThat(result.exitCode()).as(valueSet + ": helm template\n" + result.output()).isZero();
        return result.documents();
    }

    private static List<JsonNode> ofKind(List<JsonNode> documents, String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    private static JsonNode only(List<JsonNode> documents, String kind) {
        List<JsonNode> found = ofKind(documents, kind);
        assertThat(found).as("one " + kind).hasSize(1);
        return found.get(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void helmLintPasses(String valueSet) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("lint", CHART.toString(), "--strict"));
        arguments.addAll(valuesArguments(valueSet));
        Helm.Result result = helm.run(arguments);

        assertThat(result.exitCode()).as(valueSet + ": helm lint\n" + result.output()).isZero();
        assertThat(result.output()).contains("1 chart(s) linted, 0 chart(s) failed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void theRenderedConfigMapPassesValidateOnlyAndEveryObjectSelectsThePods(String valueSet) throws IOException {
        List<JsonNode> documents = rendered(valueSet);
        JsonNode deployment = only(documents, "Deployment");
        String configMapName = only(documents, "ConfigMap").path("metadata").path("name").asText();
        String yaml = only(documents, "ConfigMap").path("data").path("scalerhost.yaml").asText();
        JsonNode pod = deployment.path("spec").path("template");
        assertThat(pod.path("spec").path("volumes").toString()).contains("\"name\":\"" + configMapName + "\"");

        try (ScalerhostProcess check = ScalerhostProcess.builder(distribution).name("helm-" + valueSet).config(yaml)
                .arguments("check", "--validate-only", "--config", "@CONFIG@").launch()) {
            int exit = check.awaitExit(Duration.ofSeconds(60));
            assertThat(exit).as(valueSet + ": check --validate-only of the rendered ConfigMap\n" + check.log()).isZero();
            assertThat(check.log()).contains("valid:", "no backend contacted");
        }

        Map<String, String> podLabels = new HashMap<>();
        pod.path("metadata").path("labels").fields().forEachRemaining(e -> podLabels.put(e.getKey(), e.getValue().asText()));
        List<JsonNode> selectors = new ArrayList<>(List.of(deployment.path("spec").path("selector").path("matchLabels")));
        ofKind(documents, "Service").forEach(s -> selectors.add(s.path("spec").path("selector")));
        ofKind(documents, "PodDisruptionBudget").forEach(b -> selectors.add(b.path("spec").path("selector").path("matchLabels")));
        ofKind(documents, "NetworkPolicy").forEach(p -> selectors.add(p.path("spec").path("podSelector").path("matchLabels")));
        pod.path("spec").path("topologySpreadConstraints").forEach(c -> selectors.add(c.path("labelSelector").path("matchLabels")));
        for (JsonNode selector : selectors) {
            assertThat(selector.size()).as(valueSet + " selector " + selector).isPositive();
            selector.fields().forEachRemaining(e -> assertThat(podLabels).as(valueSet + " selector " + selector)
                    .containsEntry(e.getKey(), e.getValue().asText()));
        }
    }

    @Test
    void theDefaultsRenderTheStandaloneObjectsWithCertManagerAndNoScaledObject() throws IOException {
        List<JsonNode> documents = rendered("default");
        Map<String, Integer> kinds = new TreeMap<>();
        documents.forEach(d -> kinds.merge(d.path("kind").asText(), 1, Integer::sum));

        assertThat(kinds).isEqualTo(Map.of("Certificate", 2, "ConfigMap", 1, "Deployment", 1, "NetworkPolicy", 1,
                "PodDisruptionBudget", 1, "Service", 1, "TriggerAuthentication", 1));
        assertThat(only(documents, "Deployment").path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    @Test
    void theExistingSecretExampleMountsThatSecretCreatesNoCertificateAndAServiceMonitor() throws IOException {
        List<JsonNode> documents = rendered("prometheus-existing-secret.yaml");

        assertThat(ofKind(documents, "Certificate")).isEmpty();
        assertThat(only(documents, "Deployment").path("spec").path("template").path("spec").path("volumes").toString())
                .contains("\"secretName\":\"queue-scaler-serving\"");
        assertThat(only(documents, "TriggerAuthentication").path("spec").path("secretTargetRef").toString())
                .contains("\"name\":\"queue-scaler-keda-client\"");
        JsonNode monitor = only(documents, "ServiceMonitor");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("port").asText()).isEqualTo("http");
        JsonNode trigger = only(documents, "ScaledObject").path("spec").path("triggers").get(0);
        assertThat(trigger.path("type").asText()).isEqualTo("external-push");
        assertThat(trigger.path("metadata").path("scalerAddress").asText())
                .isEqualTo("scalerhost.lakerunner.svc.cluster.local:9090");
    }

    @Test
    void aScaledObjectNamingAnUnknownServiceTypeFailsTheRenderSayingWhichAreDefined() throws IOException {
        List<String> arguments = valuesArguments("lakerunner.yaml");
        arguments.addAll(List.of("--set", "scaledObjects[3].serviceType=ingest-log"));
        Helm.Result result = template("scalerhost", "lakerunner", arguments);

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains(
                "scaledObjects[3] names serviceType \"ingest-log\", which config.serviceTypes does not define",
                "defined serviceTypes: boxer-compact-logs, ", "ingest-logs, ");
    }

    @Test
    void plaintextValuesWithATlsConfigFailTheRenderSayingWhatToChange() {
        Helm.Result result = template("scalerhost", "lakerunner", List.of("--set", "tls.mode=none"));

        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("config.server.grpc.tls is set but tls.mode is none");
    }

    /** The Lakerunner example is the standalone kustomization as a Helm release named scalerhost in namespace lakerunner. */
    @Test
    void theLakerunnerExampleRendersWhatTheStandaloneKustomizationHolds() throws IOException {
        List<JsonNode> chart = rendered("lakerunner.yaml");
        Kustomization k = Kustomization.named("standalone");

        assertThat(names(chart)).as("kind/name of every object").isEqualTo(names(k.resources(), k.configMapName()));
        assertThat(Kustomization.YAML.readTree(only(chart, "ConfigMap").path("data").path("scalerhost.yaml").asText()))
                .isEqualTo(k.config());

        JsonNode deployment = only(chart, "Deployment");
        assertThat(deployment.path("spec").path("replicas")).isEqualTo(k.deployment().path("spec").path("replicas"));
        JsonNode pod = deployment.path("spec").path("template");
        JsonNode kPod = k.deployment().path("spec").path("template");
        assertThat(pod.path("metadata").path("annotations")).isEqualTo(kPod.path("metadata").path("annotations"));
        for (String field : List.of("automountServiceAccountToken", "securityContext", "terminationGracePeriodSeconds", "volumes")) {
            assertThat(pod.path("spec").path(field)).as("pod " + field).isEqualTo(kPod.path("spec").path(field));
        }
        assertThat(withoutSelectors(pod.path("spec").path("topologySpreadConstraints")))
                .isEqualTo(withoutSelectors(kPod.path("spec").path("topologySpreadConstraints")));
        JsonNode container = pod.path("spec").path("containers").get(0);
        for (String field : List.of("name", "image", "args", "env", "ports", "startupProbe", "livenessProbe", "readinessProbe",
                "resources", "securityContext", "volumeMounts")) {
            assertThat(container.path(field)).as("container " + field).isEqualTo(k.scalerContainer().path(field));
        }

        assertThat(only(chart, "Service").path("spec").path("ports")).isEqualTo(k.ofKind("Service").get(0).path("spec").path("ports"));
        assertThat(only(chart, "PodDisruptionBudget").path("spec").path("minAvailable"))
                .isEqualTo(k.ofKind("PodDisruptionBudget").get(0).path("spec").path("minAvailable"));
        for (String field : List.of("policyTypes", "ingress")) {
            assertThat(only(chart, "NetworkPolicy").path("spec").path(field)).as("NetworkPolicy " + field)
                    .isEqualTo(k.ofKind("NetworkPolicy").get(0).path("spec").path(field));
        }
        for (String kind : List.of("Certificate", "TriggerAuthentication", "ScaledObject")) {
            assertThat(specsByName(chart, kind)).as(kind + " specs").isEqualTo(specsByName(k.ofKind(kind), null));
        }
    }

    /** The chart's selectors add app.kubernetes.io/instance (two releases in a namespace select their own pods): compare the rest. */
    private static List<JsonNode> withoutSelectors(JsonNode constraints) {
        List<JsonNode> stripped = new ArrayList<>();
        constraints.forEach(c -> stripped.add(((com.fasterxml.jackson.databind.node.ObjectNode) c.deepCopy()).without("labelSelector")));
        return stripped;
    }

    private static Map<String, Integer> names(List<JsonNode> documents, String... more) {
        Map<String, Integer> names = new TreeMap<>();
        documents.forEach(d -> names.merge(d.path("kind").asText() + "/" + d.path("metadata").path("name").asText(), 1, Integer::sum));
        for (String configMap : more) {
            names.merge("ConfigMap/" + configMap, 1, Integer::sum);
        }
        return names;
    }

    private static Map<String, JsonNode> specsByName(List<JsonNode> documents, String kind) {
        Map<String, JsonNode> specs = new TreeMap<>();
        for (JsonNode document : kind == null ? documents : ofKind(documents, kind)) {
            specs.put(document.path("metadata").path("name").asText(), document.path("spec"));
        }
        return specs;
    }

    @Test
    void theSidecarSnippetIsTheSidecarManifestsContainer() throws IOException {
        JsonNode snippet = Kustomization.read(EXAMPLES.resolve(SIDECAR_SNIPPET)).get(0);
        JsonNode container = snippet.path("sidecars").get(0);
        JsonNode manifest = Kustomization.named("sidecar").scalerContainer();

        assertThat(container).isEqualTo(manifest);
        assertThat(container.has("readinessProbe")).as("a sidecar must not make the workload unready").isFalse();
        List<String> volumes = new ArrayList<>();
        snippet.path("extraVolumes").forEach(v -> volumes.add(v.path("name").asText()));
        List<String> mounted = new ArrayList<>();
        container.path("volumeMounts").forEach(m -> mounted.add(m.path("name").asText()));
        assertThat(volumes).containsExactlyInAnyOrderElementsOf(mounted);
    }
}
