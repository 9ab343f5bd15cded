package dev.scalerhost.it.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code config/scalerhost.schema.json} against the built distribution: it is exactly what
 * {@code bin/scalerhost schema} prints for the shipped plugins (run with
 * {@code -Dscalerhost.schema.update=true} to rewrite it), the example configs pass it, and a
 * misspelt key, a wrong type and an unknown plugin type are rejected by the schema and by the host
 * at the same path.
 */
class ConfigSchemaIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Path ROOT = Path.of(System.getProperty("scalerhost.source.root"));
    private static final Path COMMITTED = ROOT.resolve("config/scalerhost.schema.json");
    private static final String SCHEMA_LINE = "# yaml-language-server: $schema=scalerhost.schema.json";
    /** A problem line of the host's report: {@code   serviceTypes.x.topic (line 12, column 5): required}. */
    private static final Pattern PROBLEM = Pattern.compile("^\\s+([A-Za-z0-9_.\\[\\]-]+) \\(line \\d+", Pattern.MULTILINE);

    private static final String BASE = """
            sources:
              kafka:
                type: kafka-lag
                bootstrapServers: 127.0.0.1:9
                requestTimeout: 5s
            serviceTypes:
              ingest:
                source: kafka
                consumerGroup: ingest
                topic: ingest
                target: 100
                allowIdleConsumers: false
            """;

    private static final Distribution DISTRIBUTION = Distribution.unpacked();
    private static String printed;
    private static SchemaValidator validator;

    @BeforeAll
    static void printSchema() throws Exception {
        Process process = new ProcessBuilder(DISTRIBUTION.launcher().toString(), "schema")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
        if (Boolean.getBoolean("scalerhost.schema.update")) {
            Files.writeString(COMMITTED, printed, StandardCharsets.UTF_8);
        }
        validator = new SchemaValidator(printed);
    }

    @Test
    void theCommittedSchemaIsWhatTheShippedPluginsDeclare() throws IOException {
        assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
                .as("config/scalerhost.schema.json is stale: rerun this test with -Dscalerhost.schema.update=true")
                .isEqualTo(printed);
        assertThat(Files.readString(DISTRIBUTION.config().resolve("scalerhost.schema.json"), StandardCharsets.UTF_8))
                .isEqualTo(printed);
        assertThat(printed).contains("\"source.kafka-lag\"", "\"binding.postgres\"", "\"source.metrics-endpoint\"",
                "\"binding.redis-streams\"", "\"lagThreshold\"", "\"targetQueryValue\"");
    }

    @Test
    void everyExampleConfigNamesTheSchemaAndPassesIt() throws IOException {
        List<Path> examples;
        try (Stream<Path> files = Files.list(ROOT.resolve("config"))) {
            examples = files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(3);
        for (Path example : examples) {
            String yaml = Files.readString(example, StandardCharsets.UTF_8);
            assertThat(yaml).as(example.toString()).startsWith(SCHEMA_LINE);
            assertThat(validator.errors(yaml)).as(example.toString()).isEmpty();
        }
        List<String> snippets = docSnippets();
        assertThat(snippets).hasSizeGreaterThanOrEqualTo(4);
        for (String snippet : snippets) {
            assertThat(validator.errors(snippet)).as(snippet).isEmpty();
        }
    }

    @Test
    void theBaseConfigOfTheRejectionCasesPassesBoth() throws IOException {
        assertThat(validator.errors(BASE)).isEmpty();
        assertThat(hostProblemPaths("base", BASE)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "misspelt source key     | '    requestTimeout: 5s'    | '    requestTimout: 5s'      | sources.kafka.requestTimout",
        "misspelt binding key    | '    topic: ingest'         | '    topik: ingest'          | serviceTypes.ingest.topik",
        "wrong type of a binding | '    allowIdleConsumers: false' | '    allowIdleConsumers: sometimes' | serviceTypes.ingest.allowIdleConsumers",
        "wrong type of a source  | '    requestTimeout: 5s'    | '    requestTimeout: [5s]'   | sources.kafka.requestTimeout",
        "wrong type of the host  | 'sources:'                  | 'server: {grpc: {port: abc}}\nsources:' | server.grpc.port",
        "unknown plugin type     | '    type: kafka-lag'       | '    type: kafka-lg'         | sources.kafka.type",
    })
    void aMistakeIsRejectedByTheSchemaAndTheHostAtTheSamePath(String name, String valid, String wrong, String path)
            throws IOException {
        String yaml = BASE.replace(valid + "\n", wrong.replace("\\n", "\n") + "\n");
        assertThat(yaml).isNotEqualTo(BASE);

        Set<String> host = hostProblemPaths(name.replace(' ', '-'), yaml);
        Set<String> schema = validator.paths(yaml);

        assertThat(host).containsExactly(path);
        if (path.startsWith("serviceTypes.")) {
            // The schema cannot see the source's type, so a serviceType is checked against every plugin's
            // keys: the other plugins' branches add errors of their own on the same serviceType.
            assertThat(schema).contains(path).allMatch(p -> p.startsWith("serviceTypes.ingest"));
        } else {
            assertThat(schema).containsExactly(path);
        }
    }

    private static Set<String> hostProblemPaths(String name, String yaml) {
        try (ScalerhostProcess process = ScalerhostProcess.builder(DISTRIBUTION).name("schema-" + name).config(yaml)
                .arguments("check", "--validate-only", "--config", "@CONFIG@").launch()) {
            int exit = process.awaitExit(PATIENCE);
            String log = process.log();
            Set<String> paths = new TreeSet<>();
            Matcher matcher = PROBLEM.matcher(log);
            while (matcher.find()) {
                paths.add(matcher.group(1));
            }
            assertThat(exit).as(log).isEqualTo(paths.isEmpty() ? 0 : 2);
            return paths;
        }
    }

    /** The YAML blocks of the docs that start with the schema line: whole configuration files. */
    private static List<String> docSnippets() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        List<String> snippets = new ArrayList<>();
        Pattern block = Pattern.compile("```yaml\\n(" + Pattern.quote(SCHEMA_LINE) + "\\n.*?)```", Pattern.DOTALL);
        for (Path page : pages) {
            Matcher matcher = block.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (matcher.find()) {
                snippets.add(matcher.group(1));
            }
        }
        return snippets;
    }
}
