package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.spi.Settings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedConfigTest {

    private static final String SOURCES = """
            sources:
              kafka: {type: kafka-lag, bootstrapServers: "k:9092"}
            """;

    @TempDir
    Path directory;

    ConfigFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new ConfigFixture(directory);
    }

    private ConfigProblem only(String yaml) throws Exception {
        List<ConfigProblem> problems = fixture.problems(yaml);
        assertThat(problems).as("problems of%n%s", yaml).hasSize(1);
        return problems.get(0);
    }

    private static void assertProblem(ConfigProblem problem, String path, int line, String message) {
        assertThat(problem.path()).isEqualTo(path);
        assertThat(problem.line()).as("line of %s", problem).isEqualTo(line);
        assertThat(problem.message()).contains(message);
    }

    @Test
    void syntaxErrorNamesLineAndColumn() throws Exception {
        assertThatThrownBy(() -> fixture.read("server:\n  grpc: {port: 9090\nplugins: {}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    assertThat(e.problems().get(0).path()).isEmpty();
                    assertThat(e.problems().get(0).line()).isEqualTo(3);
                    assertThat(e.problems().get(0).column()).isPositive();
                    assertThat(e.problems().get(0).message()).startsWith("YAML syntax error: while parsing a flow mapping");
                    assertThat(e.getMessage()).startsWith(directory.resolve("scalerhost.yaml") + ": 1 problem\n  (line 3, column ");
                });
    }

    @Test
    void duplicateKeyNamesBothLines() throws Exception {
        assertProblem(only(SOURCES + """
                serviceTypes:
                  ingest:
                    source: kafka
                    topic: a
                    consumerGroup: g
                    topic: b
                    target: 1
                """), "serviceTypes.ingest.topic", 8, "duplicate key 'topic' (first at line 6): keep one of them");
    }

    @Test
    void unknownTopLevelKeySuggestsNearest() throws Exception {
        assertProblem(only(SOURCES + "serviceType:\n  a: {}\n"), "serviceType", 3,
                "unknown key 'serviceType' (did you mean 'serviceTypes'?)");
    }

    @Test
    void missingSourceIsRequired() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  ingest:\n    topic: t\n    target: 1\n"),
                "serviceTypes.ingest.source", 5, "required");
    }

    @Test
    void unknownSourceSuggestsNearestAndListsSources() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  ingest: {source: kafak, target: 1}\n"),
                "serviceTypes.ingest.source", 4, "unknown source 'kafak' (did you mean 'kafka'?); sources: kafka");
    }

    @Test
    void sourceWithoutSourcesSectionSaysNoneAreDefined() throws Exception {
        assertProblem(only("serviceTypes:\n  ingest: {source: kafka, target: 1}\n"),
                "serviceTypes.ingest.source", 2, "no sources are defined under 'sources:'");
    }

    @Test
    void missingTypeIsRequired() throws Exception {
        assertProblem(only("sources:\n  kafka:\n    bootstrapServers: k\n"), "sources.kafka.type", 3, "required");
    }

    @Test
    void portOutOfRangeIsAProblem() throws Exception {
        assertProblem(only("server:\n  grpc:\n    port: 70000\n"), "server.grpc.port", 3,
                "must be within 0..65535, got 70000");
    }

    @Test
    void portThatIsNotANumberIsAProblem() throws Exception {
        assertProblem(only("server:\n  http: {port: http}\n"), "server.http.port", 2,
                "expected a whole number, got 'http'");
    }

    @Test
    void grpcAndHttpOnSamePortIsAProblem() throws Exception {
        assertProblem(only("server:\n  grpc: {port: 8080}\n  http:\n    port: 8080\n"), "server.http.port", 4,
                "same port as server.grpc.port (8080)");
    }

    @Test
    void badDurationShowsAcceptedForms() throws Exception {
        assertProblem(only("sources:\n  kafka:\n    type: kafka-lag\n    bootstrapServers: k\n    timeout: 5 seconds\n"),
                "sources.kafka.timeout", 5, "expected a duration (250ms, 5s, 2m, 1h or ISO-8601 like PT5S), got '5 seconds'");
    }

    @Test
    void bareNumberDurationIsAmbiguous() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a: {source: kafka, topic: t, consumerGroup: g, target: 1,\n"
                        + "      refreshInterval: 5}\n"),
                "serviceTypes.a.refreshInterval", 5, "a bare number is ambiguous as a duration: add a unit (5s or 5ms");
    }

    @Test
    void negativeTargetIsAProblem() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a:\n    source: kafka\n    target: -3\n"),
                "serviceTypes.a.target", 6, "must be greater than 0, got -3.0");
    }

    @Test
    void zeroTargetIsAProblem() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a: {source: kafka, target: 0}\n"),
                "serviceTypes.a.target", 4, "must be greater than 0, got 0.0");
    }

    @Test
    void nanTargetIsAProblem() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a: {source: kafka, target: NaN}\n"),
                "serviceTypes.a.target", 4, "expected a number, got 'NaN'");
    }

    @Test
    void missingTargetMentionsThePluginAlias() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a: {source: kafka, topic: t}\n"),
                "serviceTypes.a.target", 4, "required: the value per replica the autoscaler aims at (or its alias lagThreshold)");
    }

    @Test
    void emptyTargetIsRequired() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a:\n    source: kafka\n    target:\n"),
                "serviceTypes.a.target", 6, "required");
        assertProblem(only(SOURCES + "serviceTypes:\n  a: {source: kafka, lagThreshold: ~}\n"),
                "serviceTypes.a.target", 4, "required");
    }

    @Test
    void targetAndItsAliasTogetherIsAProblemNamingBoth() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a:\n    source: kafka\n    target: 10\n    lagThreshold: 10\n"),
                "serviceTypes.a.lagThreshold", 7, "'target' and 'lagThreshold' are two spellings of the same target");
    }

    @Test
    void activationAndItsAliasTogetherIsAProblem() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a: {source: kafka, target: 1, activation: 0, activationLagThreshold: 2}\n"),
                "serviceTypes.a.activationLagThreshold", 4, "two spellings of the same activation");
    }

    @Test
    void badServiceTypeNameSuggestsLowercaseForm() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  Ingest_Logs: {source: kafka, topic: t, consumerGroup: g, target: 1}\n"),
                "serviceTypes.Ingest_Logs", 4, "invalid serviceType name 'Ingest_Logs'");
        assertThat(only(SOURCES + "serviceTypes:\n  -ingest-: {source: kafka, target: 1}\n").message())
                .endsWith("e.g. 'ingest'");
    }

    @Test
    void metadataOverrideOfAPluginKeyIsAProblem() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a:\n    source: kafka\n    target: 1\n"
                        + "    metadataOverrides:\n      - target\n      - topic\n"),
                "serviceTypes.a.metadataOverrides[1]", 9, "'topic' cannot be overridden by trigger metadata: only target and activation can");
    }

    @Test
    void metadataOverrideThatIsAMapIsAProblem() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a:\n    source: kafka\n    target: 1\n"
                        + "    metadataOverrides: [{target: 2}]\n"),
                "serviceTypes.a.metadataOverrides[0]", 7, "expected target or activation, found a map");
    }

    @Test
    void unsetEnvironmentVariableNamesTheVariable() throws Exception {
        assertProblem(only("sources:\n  kafka:\n    type: kafka-lag\n    bootstrapServers: ${KAFKA_SERVERS}\n"),
                "sources.kafka.bootstrapServers", 4, "environment variable KAFKA_SERVERS is not set");
    }

    @Test
    void anUnsetVariableIsOneProblemEvenWhenThePluginFindsTheValueEmpty() throws Exception {
        ConfigDocument document = fixture.read("sources:\n  kafka:\n    type: kafka-lag\n    bootstrapServers: ${KAFKA_SERVERS}\n"
                + "serviceTypes: {}\n");
        HostConfig config = new ConfigBinder(document, directory).bind(type -> ConfigFixture.ALIASES.get(type));
        Settings kafka = config.sources().get("kafka").settings();

        // What the kafka-lag plugin does with an empty broker list.
        assertThat(kafka.stringList("bootstrapServers")).isEmpty();
        kafka.problem("bootstrapServers", "must name at least one broker, e.g. kafka-0:9092");

        assertThat(document.problems().list()).singleElement().satisfies(problem -> assertProblem(problem,
                "sources.kafka.bootstrapServers", 4, "environment variable KAFKA_SERVERS is not set"));
    }

    @Test
    void aTabIsReportedOnItsOwnLine() throws Exception {
        assertTabAt("sources:\n  kafka:\n    type: kafka-lag\n\tbootstrapServers: x\n", 4, 1);
        assertTabAt("sources:\n  kafka:\n    type: kafka-lag   # a comment\n    bootstrapServers: x\t# tab before a comment\n"
                + "serviceTypes:\n  a:\n  \t source: kafka\n", 7, 3);
    }

    private void assertTabAt(String yaml, int line, int column) {
        assertThatThrownBy(() -> fixture.read(yaml)).isInstanceOfSatisfying(ConfigException.class, e -> {
            assertThat(e.problems()).hasSize(1);
            ConfigProblem problem = e.problems().get(0);
            assertThat(problem.line()).as("line of the tab in%n%s", yaml).isEqualTo(line);
            assertThat(problem.column()).as("column of the tab in%n%s", yaml).isEqualTo(column);
            assertThat(problem.message()).isEqualTo("YAML syntax error: a tab character; YAML indents with spaces only");
        });
    }

    @Test
    void missingFileOfFileSubstitutionIsAProblem() throws Exception {
        assertProblem(only("sources:\n  db:\n    type: postgres\n    jdbcUrl: j\n    username: u\n"
                        + "    password: ${file:/no/such/secret}\n"),
                "sources.db.password", 6, "file /no/such/secret (from ${file:/no/such/secret}) does not exist");
    }

    @Test
    void substitutedValueIsNeverEchoedInATypeError() throws Exception {
        fixture.env("GRPC_PORT", "hunter2");

        String report = fixture.report("server:\n  grpc: {port: \"${GRPC_PORT}\"}\n");

        assertThat(report).contains("server.grpc.port (line 2, column 16): expected a whole number, got a substituted value (not shown)")
                .doesNotContain("hunter2");
    }

    @Test
    void substitutedValuesAreNeverEchoedInAnyMessage() throws Exception {
        fixture.env("S", "hunter2");

        String report = fixture.report("""
                server:
                  logFormat: ${S}
                  http: {port: "${S:-1}", readinessRequiresSources: "${S}"}
                  grpc: {tls: {certificate: "${S}", privateKey: "${S}"}}
                sources:
                  kafka: {type: kafka-lag, bootstrapServers: k}
                  other: {type: kafka-lag, bootstrapServers: k, timeout: "${S}", refreshInterval: "1${S}"}
                serviceTypes:
                  a: {source: "${S}", target: 1}
                  b: {source: kafka, target: "-${S}", activation: "${S}", metadataOverrides: ["${S}"]}
                """);

        assertThat(report).contains(": 11 problems").doesNotContain("hunter2");
    }

    @Test
    void maxStalenessShorterThanRefreshIntervalIsAProblem() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a:\n    source: kafka\n    target: 1\n"
                        + "    refreshInterval: 1m\n    maxStaleness: 30s\n"),
                "serviceTypes.a.maxStaleness", 8, "maxStaleness must be at least refreshInterval (30s < 1m)");
    }

    @Test
    void bindingRefreshLongerThanSourceStalenessIsReportedAtRefreshInterval() throws Exception {
        assertProblem(only("sources:\n  kafka: {type: kafka-lag, bootstrapServers: k, maxStaleness: 10s}\n"
                        + "serviceTypes:\n  a: {source: kafka, target: 1, refreshInterval: 20s}\n"),
                "serviceTypes.a.refreshInterval", 4, "(10s < 20s)");
    }

    @Test
    void timingAboveOneDayIsAProblem() throws Exception {
        assertProblem(only("sources:\n  kafka: {type: kafka-lag, bootstrapServers: k, maxStaleness: 2h, timeout: 25h}\n"),
                "sources.kafka.timeout", 2, "must be at most 24h");
    }

    @Test
    void listWhereAMapIsExpectedIsAProblem() throws Exception {
        assertProblem(only("sources:\n  - kafka\n  - db\n"), "sources", 2, "expected a map, found a list");
    }

    @Test
    void serviceTypeThatIsNotAMapIsAProblem() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a: kafka\n"), "serviceTypes.a", 4,
                "expected a map with 'source', 'target' and the plugin's parameters, found a value");
    }

    @Test
    void unknownPluginKeySuggestsTheKeyThePluginRead() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  ingest-logs:\n    source: kafka\n    topic: t\n"
                        + "    consumerGroup: g\n    target: 1\n    consumerGrop: h\n"),
                "serviceTypes.ingest-logs.consumerGrop", 9, "unknown key 'consumerGrop' (did you mean 'consumerGroup'?)");
    }

    @Test
    void misspelledHostKeyOfABindingSuggestsIt() throws Exception {
        assertProblem(only(SOURCES + "serviceTypes:\n  a: {source: kafka, topic: t, consumerGroup: g, target: 1,\n"
                        + "      refreshIntervall: 5s}\n"),
                "serviceTypes.a.refreshIntervall", 5, "unknown key 'refreshIntervall' (did you mean 'refreshInterval'?)");
    }

    @Test
    void unknownServerKeySuggestsNearest() throws Exception {
        assertProblem(only("server:\n  grpc:\n    prot: 9091\n"), "server.grpc.prot", 3,
                "unknown key 'prot' (did you mean 'port'?)");
    }

    @Test
    void unknownLogFormatSuggestsNearest() throws Exception {
        assertProblem(only("server: {logFormat: jsn}\n"), "server.logFormat", 1,
                "expected one of plain, json, got 'jsn' (did you mean 'json'?)");
    }

    @Test
    void tlsWithoutKeyAndWithMissingCertificateReportsBoth() throws Exception {
        List<ConfigProblem> problems = fixture.problems("server:\n  grpc:\n    tls:\n      certificate: /no/cert.pem\n");

        assertThat(problems).extracting(ConfigProblem::path, ConfigProblem::line, ConfigProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("server.grpc.tls.privateKey", 4, "required"),
                org.assertj.core.groups.Tuple.tuple("server.grpc.tls.certificate", 4,
                        "file /no/cert.pem does not exist or is not readable"));
    }

    @Test
    void nonBooleanIsAProblem() throws Exception {
        assertProblem(only("server: {http: {readinessRequiresSources: maybe}}\n"),
                "server.http.readinessRequiresSources", 1, "expected true or false, got 'maybe'");
    }

    @Test
    void severalProblemsAreReportedTogetherInFileOrder() throws Exception {
        String report = fixture.report("""
                server:
                  grpc: {port: -1}
                servr: {}
                sources:
                  kafka: {bootstrapServers: k}
                serviceTypes:
                  a: {source: nope, target: 1}
                  B: {source: kafka, target: 0}
                """);

        assertThat(report).isEqualTo(directory.resolve("scalerhost.yaml") + ": 5 problems\n"
                + "  server.grpc.port (line 2, column 16): must be within 0..65535, got -1\n"
                + "  servr (line 3, column 1): unknown key 'servr' (did you mean 'server'?)\n"
                + "  sources.kafka.type (line 5, column 10): required\n"
                + "  serviceTypes.a.source (line 7, column 15): unknown source 'nope'; sources: kafka\n"
                + "  serviceTypes.B (line 8, column 3): invalid serviceType name 'B': use lowercase letters, digits and '-',"
                + " starting and ending with a letter or digit (it is also the metric name sent to KEDA); e.g. 'b'");
    }
}
