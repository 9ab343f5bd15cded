package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shipped example configurations as a new user meets them, through the built distribution:
 * {@code check --validate-only} needs no backend and no secret, a plain {@code check} says what to
 * set, and a source that points at the host's own listener is refused by {@code check}, {@code run}
 * and a reload.
 */
class ExampleConfigsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Distribution distribution = Distribution.unpacked();

    private String shipped(String name) throws IOException {
        return Files.readString(distribution.config().resolve(name), StandardCharsets.UTF_8);
    }

    /** Runs the launcher with {@code arguments} on {@code yaml}; returns the exit code and everything it printed. */
    private Map.Entry<Integer, String> launch(String name, String yaml, Map<String, String> env, String... arguments) {
        var builder = ScalerhostProcess.builder(distribution).name(name).config(yaml).arguments(arguments);
        env.forEach(builder::env);
        try (ScalerhostProcess process = builder.launch()) {
            int exit = process.awaitExit(PATIENCE);
            return Map.entry(exit, process.log());
        }
    }

    @Test
    void validateOnlyChecksLakerunnerWithoutItsPasswordAndWithoutTouchingAnyBackend() throws Exception {
        try (ServerSocket backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String address = "127.0.0.1:" + backend.getLocalPort();
            var result = launch("validate-lakerunner", shipped("lakerunner.yaml"),
                    Map.of("KAFKA_BOOTSTRAP_SERVERS", address, "LAKERUNNER_DB_URL", "jdbc:postgresql://" + address + "/lakerunner"),
                    "check", "--validate-only", "--config", "@CONFIG@");

            assertThat(result.getKey()).as(result.getValue()).isZero();
            assertThat(result.getValue()).contains("valid: 2 sources, 18 serviceTypes", "no backend contacted",
                    "sources.queue-db.password: not checked, environment variable LAKERUNNER_DB_PASSWORD is not set here")
                    .doesNotContain("Exception", "unresolved-at-validation");
            backend.setSoTimeout(200);
            try (Socket connected = backend.accept()) {
                throw new AssertionError("validate-only connected to the backend address " + connected);
            } catch (SocketTimeoutException expected) {
                // nobody connected
            }
        }
    }

    /** What a Helm chart or CI does with a rendered ConfigMap: no backend, no Secret, no mounted TLS files. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"standalone", "sidecar"})
    void validateOnlyAcceptsTheManifestsConfigMapWithoutItsSecrets(String form) throws Exception {
        Path configMap = Path.of(System.getProperty("scalerhost.source.root"))
                .resolve("distribution/kubernetes").resolve(form).resolve("scalerhost.yaml");
        var result = launch("validate-configmap-" + form, Files.readString(configMap, StandardCharsets.UTF_8), Map.of(),
                "check", "--validate-only", "--config", "@CONFIG@");

        assertThat(result.getKey()).as(result.getValue()).isZero();
        assertThat(result.getValue()).contains(
                "server.grpc.tls.certificate: not checked, the file does not exist here (mounted at run time)",
                "server.grpc.tls.clientCa: not checked");
    }

    @Test
    void aPlainCheckOfLakerunnerWithoutThePasswordSaysWhatToSet() throws Exception {
        var result = launch("check-lakerunner", shipped("lakerunner.yaml"), Map.of(), "check", "--config", "@CONFIG@");

        assertThat(result.getKey()).as(result.getValue()).isEqualTo(2);
        assertThat(result.getValue()).contains("sources.queue-db.password",
                "environment variable LAKERUNNER_DB_PASSWORD is not set");
    }

    @Test
    void theMarketDataExampleValidatesWithItsDefaults() throws Exception {
        var result = launch("validate-market", shipped("market-data-pipeline.yaml"), Map.of(),
                "check", "--validate-only", "--config", "@CONFIG@");

        assertThat(result.getKey()).as(result.getValue()).isZero();
        assertThat(result.getValue()).containsPattern("valid: [0-9]+ sources, [0-9]+ serviceTypes");
    }

    @Test
    void aPrometheusUrlOnTheHostsOwnGrpcPortIsRefusedByCheckAndByRun() throws Exception {
        String yaml = shipped("market-data-pipeline.yaml");
        Map<String, String> env = Map.of("PROMETHEUS_URL", "http://localhost:9090");
        for (String command : new String[] {"check", "run"}) {
            var result = launch("own-port-" + command, yaml, env, command, "--config", "@CONFIG@");

            assertThat(result.getKey()).as(result.getValue()).isEqualTo(2);
            assertThat(result.getValue()).contains("sources.prometheus.url", "this host's own gRPC listener",
                    "server.grpc.port is 9090").doesNotContain("localhost:9090");
        }
    }

    @Test
    void aReloadThatPointsASourceAtTheHostsOwnHttpPortIsRejected() throws Exception {
        String config = ScalerhostProcess.serverSection() + """
                sources:
                  prom: {type: prometheus, url: "%s"}
                serviceTypes:
                  depth: {source: prom, query: "vector(1)", target: 1}
                """;
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("own-port-reload")
                .config(config.formatted("http://127.0.0.1:1")).start()) {
            host.updateConfig(config.formatted("http://127.0.0.1:@HTTP_PORT@"));

            ObjectMapper json = new ObjectMapper();
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    !json.readTree(host.http("/status").body()).path("config").path("lastReloadError").isNull());
            assertThat(json.readTree(host.http("/status").body()).path("config").path("lastReloadError").asText())
                    .contains("sources.prom.url", "this host's own HTTP listener", "server.http.port is " + host.httpPort());
            host.stop();
        }
    }
}
