package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scalerhost.host.config.ConfigException;
import dev.scalerhost.host.config.GrpcConfig;
import dev.scalerhost.host.config.HttpConfig;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.host.runtime.HostLoader;
import dev.scalerhost.host.runtime.LoadedHost;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests under {@code distribution/kubernetes}, parsed and checked against the configs they
 * carry, the host's defaults and the built distribution.
 */
class KubernetesManifestsIT {

    /** Where the image puts the distribution (see distribution/docker/Dockerfile). */
    static final String IMAGE_HOME = "/opt/scalerhost";
    static final String CONFIG_MOUNT = "/etc/scalerhost";

    private static final Distribution distribution = Distribution.unpacked();
    private static Set<String> servedPaths;

    static Stream<Arguments> forms() {
        return Stream.of(Arguments.of("standalone", "lakerunner.yaml"), Arguments.of("sidecar", "market-data-pipeline.yaml"));
    }

    /** The probe paths the built host answers with 200 on a plain configuration. */
    @BeforeAll
    static void askTheHostWhichProbePathsItServes() {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("probe-paths")
                .config(ScalerhostProcess.serverSection() + "serviceTypes: {}\n").start()) {
            servedPaths = new HashSet<>();
            for (String path : List.of("/livez", "/readyz", "/healthz", "/status", "/metrics", "/ready", "/health")) {
                if (host.http(path).status() == 200) {
                    servedPaths.add(path);
                }
            }
            host.stop();
        }
        assertThat(servedPaths).contains("/livez", "/readyz").doesNotContain("/ready", "/health");
    }

    private static final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stopScheduler() {
        scheduler.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void everyResourceOfTheKustomizationExistsAndParses(String form, String config) {
        Kustomization k = Kustomization.named(form);
        for (JsonNode resource : k.kustomization().path("resources")) {
            assertThat(k.directory().resolve(resource.asText())).as(form + " resource").isRegularFile();
        }
        assertThat(k.configMapFile()).isRegularFile();
        assertThat(k.kustomization().path("generatorOptions").path("disableNameSuffixHash").asBoolean())
                .as("a fixed ConfigMap name, so updates reach the mounted file instead of rolling the pods").isTrue();
        assertThat(k.resources()).allSatisfy(resource -> {
            assertThat(resource.path("apiVersion").asText()).isNotBlank();
            assertThat(resource.path("kind").asText()).isNotBlank();
            assertThat(resource.path("metadata").path("name").asText()).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        });
        assertThat(k.ofKind("ScaledObject")).isNotEmpty();
        assertThat(k.ofKind("TriggerAuthentication")).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void theConfigMapCarriesTheExampleConfigWithMutualTls(String form, String config) {
        ObjectNode carried = Kustomization.named(form).config();
        ObjectNode example = (ObjectNode) Kustomization.read(Kustomization.sourceRoot().resolve("config").resolve(config)).get(0);

        if (form.equals("sidecar")) {
            // The sidecar form exists for pods without Prometheus: it carries the example's sidecar part only.
            assertThat(carried.get("serviceTypes")).as("the -local serviceTypes of config/" + config)
                    .isEqualTo(SidecarPart.serviceTypes(example));
            assertThat(carried.get("sources")).as("the sources of config/" + config + " they use")
                    .isEqualTo(SidecarPart.sources(example));
        } else {
            assertThat(carried.get("sources")).as("sources of config/" + config).isEqualTo(example.get("sources"));
            assertThat(carried.get("serviceTypes")).as("serviceTypes of config/" + config).isEqualTo(example.get("serviceTypes"));
        }
        assertThat(carried.get("plugins")).isEqualTo(example.get("plugins"));
        ObjectNode server = carried.get("server").deepCopy();
        JsonNode tls = ((ObjectNode) server.get("grpc")).remove("tls");
        assertThat(tls).as("server.grpc.tls").isNotNull();
        assertThat(tls.has("clientCa")).as("mutual TLS").isTrue();
        ObjectNode exampleServer = example.get("server").deepCopy();
        assertThat(server.get("grpc").get("port")).isEqualTo(exampleServer.get("grpc").get("port"));
        assertThat(server.get("http")).isEqualTo(exampleServer.get("http"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void everyServiceTypeIsTriggeredDirectlyOrThroughACompositeAndEveryTriggerNamesAConfiguredServiceType(String form, String config) {
        Kustomization k = Kustomization.named(form);
        Set<String> configured = new TreeSet<>();
        k.config().get("serviceTypes").fieldNames().forEachRemaining(configured::add);
        Set<String> authentications = new HashSet<>();
        k.ofKind("TriggerAuthentication").forEach(a -> authentications.add(a.path("metadata").path("name").asText()));

        Set<String> triggered = new TreeSet<>();
        for (JsonNode scaledObject : k.ofKind("ScaledObject")) {
            String name = scaledObject.path("metadata").path("name").asText();
            JsonNode spec = scaledObject.path("spec");
            assertThat(spec.path("fallback").path("failureThreshold").asInt()).as(name + " fallback.failureThreshold").isPositive();
            assertThat(spec.path("fallback").path("replicas").asInt()).as(name + " fallback.replicas").isPositive();
            assertThat(spec.path("scaleTargetRef").path("name").asText()).as(name + " scaleTargetRef").isNotBlank();
            for (JsonNode trigger : spec.path("triggers")) {
                assertThat(trigger.path("type").asText()).as(name).isIn("external", "external-push");
                String serviceType = trigger.path("metadata").path("serviceType").asText();
                assertThat(configured).as(name + " trigger serviceType").contains(serviceType);
                assertThat(triggered.add(serviceType)).as(serviceType + " has one trigger only").isTrue();
                assertThat(authentications).as(name + " authenticationRef")
                        .contains(trigger.path("authenticationRef").path("name").asText());
                assertThat(trigger.path("metadata").path("scalerAddress").asText()).as(name + " scalerAddress")
                        .isEqualTo(scalerAddress(k));
            }
        }
        Set<String> covered = new TreeSet<>(triggered);
        for (String serviceType : triggered) {
            k.config().get("serviceTypes").get(serviceType).path("of").fieldNames().forEachRemaining(covered::add);
        }
        assertThat(covered).as("serviceTypes of " + k.configMapFile() + " with a trigger, directly or as a part of "
                + "a triggered composite").isEqualTo(configured);
    }

    /** {@code <service>.<namespace>.svc.cluster.local:<port>} of the Service port that reaches the gRPC container port. */
    private static String scalerAddress(Kustomization k) {
        String grpcPortName = portName(k.scalerContainer(), GrpcConfig.DEFAULT_PORT);
        for (JsonNode service : k.ofKind("Service")) {
            for (JsonNode port : service.path("spec").path("ports")) {
                if (port.path("targetPort").asText().equals(grpcPortName)) {
                    return service.path("metadata").path("name").asText() + "." + k.namespace() + ".svc.cluster.local:"
                            + port.path("port").asInt();
                }
            }
        }
        throw new AssertionError("no Service port targets the container port " + grpcPortName);
    }

    private static String portName(JsonNode container, int number) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("containerPort").asInt() == number) {
                return port.path("name").asText();
            }
        }
        throw new AssertionError("container " + container.path("name").asText() + " has no port " + number);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void containerPortsAndProbesMatchTheHost(String form, String config) {
        Kustomization k = Kustomization.named(form);
        JsonNode container = k.scalerContainer();
        JsonNode server = k.config().get("server");
        assertThat(server.path("grpc").path("port").asInt()).isEqualTo(GrpcConfig.DEFAULT_PORT);
        assertThat(server.path("http").path("port").asInt()).isEqualTo(HttpConfig.DEFAULT_PORT);
        String httpPort = portName(container, HttpConfig.DEFAULT_PORT);
        portName(container, GrpcConfig.DEFAULT_PORT);

        List<String> probes = List.of("startupProbe", "livenessProbe", "readinessProbe");
        for (String probe : probes) {
            JsonNode get = container.path(probe).path("httpGet");
            if (container.has(probe)) {
                assertThat(servedPaths).as(form + " " + probe + " path").contains(get.path("path").asText());
                assertThat(get.path("port").asText()).as(form + " " + probe + " port").isEqualTo(httpPort);
            }
        }
        assertThat(container.has("livenessProbe")).isTrue();
        if (form.equals("sidecar")) {
            assertThat(container.has("readinessProbe")).as("a sidecar must not make the workload unready").isFalse();
        } else {
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/readyz");
            assertThat(server.path("http").path("readinessRequiresSources").asBoolean(false))
                    .as("a backend outage must not make the scaler unready: KEDA needs its UNAVAILABLE answers").isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void theScalerRunsNonRootOnAReadOnlyRootWithTheConfigMapAndTlsMounted(String form, String config) {
        Kustomization k = Kustomization.named(form);
        JsonNode container = k.scalerContainer();
        JsonNode pod = k.deployment().path("spec").path("template").path("spec");
        JsonNode security = container.path("securityContext");
        assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(security.path("runAsNonRoot").asBoolean(false) || pod.path("securityContext").path("runAsNonRoot").asBoolean(false))
                .as("runAsNonRoot").isTrue();

        Map<String, JsonNode> volumes = new HashMap<>();
        pod.path("volumes").forEach(volume -> volumes.put(volume.path("name").asText(), volume));
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode mount : container.path("volumeMounts")) {
            assertThat(mount.has("subPath")).as("subPath mounts never see ConfigMap or Secret updates").isFalse();
            mounts.put(mount.path("mountPath").asText(), mount.path("name").asText());
        }
        assertThat(volumes.get(mounts.get("/tmp"))).as("a writable /tmp").isNotNull();
        assertThat(volumes.get(mounts.get("/tmp")).has("emptyDir")).isTrue();
        assertThat(volumes.get(mounts.get(CONFIG_MOUNT)).path("configMap").path("name").asText()).isEqualTo(k.configMapName());
        assertThat(container.path("args").toString()).contains("\"--config\"",
                "\"" + CONFIG_MOUNT + "/" + k.configMapFile().getFileName() + "\"");

        JsonNode tls = k.config().get("server").get("grpc").get("tls");
        Path certificate = Path.of(IMAGE_HOME).resolve(tls.path("certificate").asText()).normalize();
        String secret = secretMountedAbove(certificate, mounts, volumes);
        Set<String> certificateSecrets = new LinkedHashSet<>();
        k.ofKind("Certificate").forEach(c -> certificateSecrets.add(c.path("spec").path("secretName").asText()));
        assertThat(certificateSecrets).as("the serving certificate comes from cert-manager").contains(secret);
        for (String key : List.of("certificate", "privateKey", "clientCa")) {
            Path file = Path.of(IMAGE_HOME).resolve(tls.path(key).asText()).normalize();
            assertThat(secretMountedAbove(file, mounts, volumes)).as(key).isEqualTo(secret);
        }
    }

    private static String secretMountedAbove(Path file, Map<String, String> mounts, Map<String, JsonNode> volumes) {
        Path directory = file.getParent();
        String volume = mounts.get(directory.toString());
        assertThat(volume).as("a volume mounted at " + directory).isNotNull();
        return volumes.get(volume).path("secret").path("secretName").asText();
    }

    @Test
    void theTriggerAuthenticationsGiveKedaTheClientCertificateOfTheScalersCa() {
        for (String form : List.of("standalone", "sidecar")) {
            Kustomization k = Kustomization.named(form);
            JsonNode auth = k.ofKind("TriggerAuthentication").get(0);
            Map<String, String> secretOf = new HashMap<>();
            auth.path("spec").path("secretTargetRef").forEach(ref ->
                    secretOf.put(ref.path("parameter").asText(), ref.path("name").asText()));
            assertThat(secretOf).containsOnlyKeys("caCert", "tlsClientCert", "tlsClientKey");
            assertThat(new HashSet<>(secretOf.values())).hasSize(1);
            JsonNode client = k.ofKind("Certificate").stream()
                    .filter(c -> c.path("spec").path("secretName").asText().equals(secretOf.get("tlsClientCert")))
                    .findFirst().orElseThrow(() -> new AssertionError(form + ": no Certificate for KEDA's client secret"));
            JsonNode server = k.ofKind("Certificate").stream().filter(c -> c != client).findFirst().orElseThrow();
            assertThat(client.path("spec").path("issuerRef")).isEqualTo(server.path("spec").path("issuerRef"));
            assertThat(server.path("spec").path("privateKey").path("encoding").asText()).isEqualTo("PKCS8");
            String host = scalerAddress(k).split(":")[0];
            assertThat(server.path("spec").path("dnsNames").toString()).as("KEDA verifies " + host).contains("\"" + host + "\"");
        }
    }

    /** The host's own loader, with the distribution's plugins, accepts each ConfigMap's file. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forms")
    void theConfigMapPassesTheHostsOwnValidation(String form, String config) throws Exception {
        Kustomization k = Kustomization.named(form);
        Path home = distribution.newWorkDirectory("configmap-" + form);
        Path tlsDirectory = Files.createDirectories(home.resolve("tls"));
        for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
            Files.writeString(tlsDirectory.resolve(file), "mounted from the Secret\n");
        }
        Map<String, String> env = new HashMap<>();
        for (JsonNode variable : k.scalerContainer().path("env")) {
            env.put(variable.path("name").asText(), variable.has("value") ? variable.path("value").asText() : "from-a-secret");
        }
        HostLoader loader = new HostLoader(env::get, home, Optional.of(distribution.plugins()), new HostMetrics(),
                Clock.systemUTC(), scheduler);
        try (LoadedHost loaded = loader.load(k.configMapFile())) {
            Set<String> serviceTypes = new TreeSet<>(loaded.config().serviceTypes().keySet());
            Set<String> expected = new TreeSet<>();
            k.config().get("serviceTypes").fieldNames().forEachRemaining(expected::add);
            assertThat(serviceTypes).isEqualTo(expected);
            assertThat(loaded.serviceTypes()).hasSize(expected.size());
        } catch (ConfigException e) {
            throw new AssertionError(form + ": " + k.configMapFile() + " does not load with the Deployment's env:\n"
                    + e.getMessage(), e);
        }
    }
}
