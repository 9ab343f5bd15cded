package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigBinderTest {

    static final String FULL = """
            server:
              grpc: {port: 9090}
              http: {port: 8080}
            plugins: {directory: plugins}
            sources:
              kafka:
                type: kafka-lag
                bootstrapServers: ${KAFKA_BOOTSTRAP_SERVERS}
              queue-db:
                type: postgres
                jdbcUrl: jdbc:postgresql://db:5432/lakerunner
                username: scaler
                password: ${file:secrets/db-password}
                refreshInterval: 2s
                maxStaleness: 1m
            serviceTypes:
              ingest-logs:
                source: kafka
                topic: lakerunner.objstore.ingest.logs
                consumerGroup: lakerunner.ingest.logs
                target: 1500
                activation: 0
              compact-logs:
                source: queue-db
                query: SELECT count(*) FROM work_queue
                target: 10
                maxStaleness: 30s
                metadataOverrides: [target, activation]
            """;

    @TempDir
    Path directory;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory).env("KAFKA_BOOTSTRAP_SERVERS", "kafka-0:9092,kafka-1:9092");
    }

    @Test
    void fullConfigBindsToExpectedRecords() throws Exception {
        fixture.write("secrets/db-password", "s3cret\n");

        HostConfig config = fixture.load(FULL);

        assertThat(config.server()).isEqualTo(new ServerConfig(
                new GrpcConfig("0.0.0.0", 9090, Optional.empty(), 4 * 1024 * 1024),
                new HttpConfig("0.0.0.0", 8080, false),
                Duration.ofSeconds(10), "plain"));
        assertThat(config.plugins().directory()).isEqualTo(directory.resolve("home/plugins"));
        assertThat(config.sources()).containsOnlyKeys("kafka", "queue-db");
        SourceConfig kafka = config.sources().get("kafka");
        assertThat(kafka.type()).isEqualTo("kafka-lag");
        assertThat(kafka.timing()).isEqualTo(Timing.DEFAULT);
        assertThat(kafka.settings().path()).isEqualTo("sources.kafka");
        assertThat(kafka.settings().keys()).containsExactly("bootstrapServers");
        assertThat(kafka.settings().string("bootstrapServers")).isEqualTo("kafka-0:9092,kafka-1:9092");
        SourceConfig db = config.sources().get("queue-db");
        assertThat(db.timing()).isEqualTo(new Timing(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofMinutes(1)));
        assertThat(db.settings().secret("password")).contains("s3cret");
        assertThat(db.settings().has("type")).isFalse();

        assertThat(config.serviceTypes().keySet()).containsExactly("ingest-logs", "compact-logs");
        ServiceTypeConfig ingest = config.serviceTypes().get("ingest-logs");
        assertThat(ingest.source()).isEqualTo("kafka");
        assertThat(ingest.target()).isEqualTo(1500);
        assertThat(ingest.activation()).isZero();
        assertThat(ingest.timing()).isEqualTo(Timing.DEFAULT);
        assertThat(ingest.metadataOverrides()).isEmpty();
        assertThat(ingest.params().string("topic")).isEqualTo("lakerunner.objstore.ingest.logs");
        ServiceTypeConfig compact = config.serviceTypes().get("compact-logs");
        assertThat(compact.timing()).isEqualTo(new Timing(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(compact.metadataOverrides()).isEqualTo(Set.of("target", "activation"));
    }

    @Test
    void emptySectionsTakeDefaults() throws Exception {
        HostConfig config = fixture.load("serviceTypes: {}\n");

        assertThat(config.server().grpc().port()).isEqualTo(GrpcConfig.DEFAULT_PORT);
        assertThat(config.server().http().port()).isEqualTo(HttpConfig.DEFAULT_PORT);
        assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.plugins().directory()).isEqualTo(directory.resolve("home/plugins"));
        assertThat(config.sources()).isEmpty();
        assertThat(config.serviceTypes()).isEmpty();
    }

    @Test
    void serverSettingsAreRead() throws Exception {
        Path cert = fixture.write("home/tls/server.pem", "cert");
        fixture.write("home/tls/server.key", "key");
        fixture.write("home/tls/ca.pem", "ca");

        HostConfig config = fixture.load("""
                server:
                  grpc:
                    host: 127.0.0.1
                    port: 0
                    maxInboundBytes: 65536
                    tls: {certificate: tls/server.pem, privateKey: tls/server.key, clientCa: tls/ca.pem}
                  http: {host: 127.0.0.1, port: "0", readinessRequiresSources: true}
                  shutdownGrace: PT2S
                  logFormat: JSON
                plugins: {directory: /opt/plugins}
                """);

        GrpcConfig grpc = config.server().grpc();
        assertThat(grpc.host()).isEqualTo("127.0.0.1");
        assertThat(grpc.port()).isZero();
        assertThat(grpc.maxInboundBytes()).isEqualTo(65536);
        assertThat(grpc.tls()).contains(new TlsConfig(cert, directory.resolve("home/tls/server.key"),
                Optional.of(directory.resolve("home/tls/ca.pem"))));
        assertThat(config.server().http()).isEqualTo(new HttpConfig("127.0.0.1", 0, true));
        assertThat(config.server().shutdownGrace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.server().logFormat()).isEqualTo("json");
        assertThat(config.plugins().directory()).isEqualTo(Path.of("/opt/plugins"));
    }

    @Test
    void pluginAliasBindsTargetAndActivationAndPluginReadsResolvedValues() throws Exception {
        HostConfig config = fixture.load("""
                sources:
                  kafka: {type: kafka-lag, bootstrapServers: "k:9092"}
                serviceTypes:
                  ingest-logs:
                    source: kafka
                    topic: t
                    consumerGroup: g
                    lagThreshold: "250"
                    activationLagThreshold: "5"
                """);

        ServiceTypeConfig ingestLogs = config.serviceTypes().get("ingest-logs");
        assertThat(ingestLogs.target()).isEqualTo(250);
        assertThat(ingestLogs.activation()).isEqualTo(5);
        assertThat(ingestLogs.params().keys()).containsExactlyInAnyOrder("topic", "consumerGroup", "lagThreshold",
                "activationLagThreshold", "target", "activation");
        assertThat(ingestLogs.params().requiredNumber("target")).isEqualTo(250);
        assertThat(ingestLogs.params().number("activation", -1)).isEqualTo(5);
        assertThat(ingestLogs.params().has("lagThreshold")).as("which KEDA word was used stays visible").isTrue();
        assertThat(ingestLogs.params().has("source")).isFalse();
    }

    @Test
    void bindingParamsOfferDefaultActivationWithoutCountingItUnknown() throws Exception {
        HostConfig config = fixture.load("""
                sources:
                  db: {type: postgres, jdbcUrl: "jdbc:postgresql://h/d", username: u}
                serviceTypes:
                  work: {source: db, query: SELECT 1, target: 2.5}
                """);

        ServiceTypeConfig ingestLogs = config.serviceTypes().get("work");
        assertThat(ingestLogs.target()).isEqualTo(2.5);
        assertThat(ingestLogs.params().number("activation", -1)).isZero();
        assertThat(ingestLogs.params().hasProblems()).isFalse();
    }

    @Test
    void phaseOneNeedsNoPluginsAndReportsServerProblemsOnce() throws Exception {
        ConfigDocument document = fixture.read("server: {grpc: {port: nine}}\nserviceTypes: {}\n");
        ConfigBinder binder = new ConfigBinder(document, directory);

        assertThat(binder.server().grpc().port()).isEqualTo(GrpcConfig.DEFAULT_PORT);
        assertThat(binder.plugins().directory()).isEqualTo(directory.resolve("plugins"));
        binder.bind(type -> null);
        assertThat(document.problems().list()).extracting(ConfigProblem::path).containsExactly("server.grpc.port");
    }

    @Test
    void settingsLeftOutOfTheUnknownKeyCheckAreNotReported() throws Exception {
        ConfigDocument document = fixture.read("""
                sources:
                  metrics: {type: http-json, url: "http://x", jsonPath: a.b}
                serviceTypes:
                  a: {source: metrics, target: 1, anything: 2}
                """);
        HostConfig config = ConfigBinder.bind(document, directory, type -> null);

        document.skipUnknownKeyCheck(config.sources().get("metrics").settings());
        document.skipUnknownKeyCheck(config.serviceTypes().get("a").params());
        document.problems().addUnknownKeys(document);

        assertThat(document.problems().isEmpty()).isTrue();
    }

    @Test
    void unreadKeysOfAllPluginSettingsAreReportedAfterPluginsRan() throws Exception {
        ConfigDocument document = fixture.read("""
                sources:
                  metrics: {type: http-json, url: "http://x", timeoutt: 5s}
                serviceTypes:
                  a: {source: metrics, target: 1, jsonPath: a.b}
                """);
        HostConfig config = ConfigBinder.bind(document, directory, type -> null);
        config.sources().get("metrics").settings().string("url");

        document.problems().addUnknownKeys(document);

        assertThat(document.problems().list()).extracting(ConfigProblem::render).containsExactly(
                "sources.metrics.timeoutt (line 2, column 47): unknown key 'timeoutt' (did you mean 'timeout'?)",
                "serviceTypes.a.jsonPath (line 4, column 35): unknown key 'jsonPath' (known keys: activation, "
                        + "maxStaleness, metadataOverrides, refreshInterval, source, target, timeout, window)");
    }
}
