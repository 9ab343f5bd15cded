package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Logs of the built distribution: plain by default, JSON by env or setting, and never a secret. */
class LogFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Distribution distribution = Distribution.unpacked();

    private static List<String> lines(ScalerhostProcess host) {
        return host.log().lines().filter(line -> !line.isBlank()).toList();
    }

    private static void assertEveryLineIsAJsonObject(ScalerhostProcess host) {
        List<String> lines = lines(host);
        assertThat(lines).as("log lines").hasSizeGreaterThan(1);
        for (String line : lines) {
            JsonNode event;
            try {
                event = JSON.readTree(line);
            } catch (Exception e) {
                throw host.failure("not a JSON line: " + line);
            }
            assertThat(event.isObject()).as(line).isTrue();
            assertThat(event.path("level").asText()).as(line).isNotBlank();
            assertThat(event.path("formattedMessage").asText()).as(line).isNotBlank().doesNotContain("{}");
        }
    }

    @Test
    void plainByDefault() {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("log-plain")
                .config(ScalerhostProcess.serverSection() + "serviceTypes: {}\n").start()) {
            host.stop();
            assertThat(lines(host)).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotStartWith("{")
                    .containsPattern("^\\d{4}-\\d\\d-\\d\\dT\\S+ (INFO|WARN|ERROR|DEBUG) "));
        }
    }

    @Test
    void jsonFromTheEnvironmentIsOneObjectPerLine() {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("log-json-env")
                .env("SCALERHOST_LOG_FORMAT", "json")
                .config(ScalerhostProcess.serverSection() + "serviceTypes: {}\n").start()) {
            host.stop();
            assertEveryLineIsAJsonObject(host);
        }
    }

    @Test
    void jsonFromTheSettingIsOneObjectPerLine() {
        String config = ScalerhostProcess.serverSection().replace("server:\n", "server:\n  logFormat: json\n")
                + "serviceTypes: {}\n";
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("log-json-setting")
                .config(config).start()) {
            host.stop();
            assertEveryLineIsAJsonObject(host);
        }
    }

    /**
     * gRPC's own lines (java.util.logging) go through the host's logging: a plain HTTP/1.1 request to
     * the gRPC port is one short DEBUG line in the host's JSON, not JUL's stack trace on stderr; at the
     * default level it is not logged at all.
     */
    @Test
    void aPlainHttpRequestToTheGrpcPortIsOneDebugLineInTheHostsFormat() throws Exception {
        for (String level : List.of("DEBUG", "INFO")) {
            try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("log-http1-" + level)
                    .env("SCALERHOST_LOG_FORMAT", "json").env("SCALERHOST_LOG_LEVEL", level)
                    .config(ScalerhostProcess.serverSection() + "serviceTypes: {}\n").start()) {
                for (int i = 0; i < 2; i++) {
                    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), host.grpcPort())) {
                        socket.setSoTimeout(10_000);
                        socket.getOutputStream().write("GET /status HTTP/1.1\r\nHost: x\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        socket.getInputStream().readAllBytes();
                    }
                }
                if (level.equals("DEBUG")) {
                    await().atMost(Duration.ofSeconds(15)).until(() -> host.log().contains("does not speak gRPC"));
                }
                host.stop();

                assertEveryLineIsAJsonObject(host);
                List<String> notGrpc = lines(host).stream().filter(line -> line.contains("does not speak gRPC")).toList();
                assertThat(notGrpc).as(level).hasSize(level.equals("DEBUG") ? 2 : 0).allSatisfy(line -> assertThat(line)
                        .contains("\"level\":\"DEBUG\"", "does not speak gRPC", "GET \\/status")
                        .contains("\"throwable\":null"));
                assertThat(host.log()).as(level).doesNotContain("Transport failed", "Http2Exception");
            }
        }
    }

    /**
     * A substituted password for a database that is not there, a failed reload whose bad value is
     * that same secret, and RPCs that fail because of the outage: the secret is in no log line and
     * not in /status.
     */
    @Test
    void aSubstitutedSecretAppearsInNoLogLine() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        String config = ScalerhostProcess.serverSection() + """
                sources:
                  queue-db:
                    type: postgres
                    jdbcUrl: jdbc:postgresql://127.0.0.1:1/lakerunner
                    username: scaler
                    password: ${DB_PASSWORD}
                    connectionTimeout: 500ms
                    refreshInterval: 500ms
                    timeout: 1s
                    maxStaleness: 1s
                serviceTypes:
                  worker-ingest-logs:
                    source: queue-db
                    query: SELECT count(*) FROM work_queue
                    target: 10
                """;
        for (String format : List.of("plain", "json")) {
            try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("log-secret-" + format)
                    .env("DB_PASSWORD", secret).env("SCALERHOST_LOG_FORMAT", format)
                    .config(config).start();
                    KedaClient keda = KedaClient.connect(host.grpcPort())) {
                await().atMost(Duration.ofSeconds(20)).until(() -> {
                    try {
                        keda.poll("worker-ingest-logs", KedaClient.HPA_DEADLINE);
                        return false;
                    } catch (StatusRuntimeException unavailable) {
                        return true;
                    }
                });
                host.updateConfig(config.replace("target: 10", "target: ${DB_PASSWORD}")
                        .replace("username: scaler", "username: scaler\n    poolSize: ${DB_PASSWORD}"));
                await().atMost(Duration.ofSeconds(15)).until(() -> host.log().contains("rejected"));
                String status = host.http("/status").body();
                host.stop();

                assertThat(host.log()).as(format + " log").contains("worker-ingest-logs").doesNotContain(secret);
                assertThat(status).contains("lastReloadError").doesNotContain(secret);
            }
        }
    }
}
