package dev.scalerhost.it.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.Http;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.kafka.KafkaFixture;
import dev.scalerhost.testservers.KafkaBroker;
import dev.scalerhost.testservers.PrometheusServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code distribution/grafana/scalerhost.json} against a running host: every metric its queries name
 * is on the host's {@code /metrics} once a source has measured and KEDA has called, and every query
 * parses in a real Prometheus.
 */
class GrafanaDashboardIT {

    private static final Path DASHBOARD = Kustomization.sourceRoot().resolve("distribution/grafana/scalerhost.json");
    /** A metric name in a selector ({@code name{...}}) or as the first argument of {@code label_values(name, ...)}. */
    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{|label_values\\(([a-zA-Z_:][a-zA-Z0-9_:]*)");
    private static final Pattern SAMPLE_NAME = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]", Pattern.MULTILINE);

    private final ObjectMapper json = new ObjectMapper();
    private final Distribution distribution = Distribution.unpacked();

    private JsonNode dashboard() throws IOException {
        return json.readTree(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
    }

    /** Every PromQL expression of the dashboard: panel targets and template variable queries. */
    private List<String> queries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(target -> queries.add(target.path("expr").asText()));
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                queries.add(variable.path("query").path("query").asText());
            }
        }
        return queries;
    }

    @Test
    void theTarballShipsTheDashboard() throws IOException {
        Path shipped = distribution.home().resolve("grafana/scalerhost.json");
        assertThat(shipped).isRegularFile();
        assertThat(Files.readString(shipped, StandardCharsets.UTF_8)).isEqualTo(Files.readString(DASHBOARD, StandardCharsets.UTF_8));
    }

    @Test
    void everyPanelQueriesTheDatasourceVariable() throws IOException {
        JsonNode dashboard = dashboard();
        JsonNode variable = null;
        for (JsonNode candidate : dashboard.path("templating").path("list")) {
            if (candidate.path("type").asText().equals("datasource")) {
                variable = candidate;
            }
        }
        assertThat(variable).as("a datasource variable").isNotNull();
        assertThat(variable.path("query").asText()).isEqualTo("prometheus");
        String reference = "${" + variable.path("name").asText() + "}";
        int targets = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo(reference);
                targets++;
            }
        }
        assertThat(targets).isGreaterThan(10);
    }

    @Test
    void everyMetricTheDashboardQueriesIsOnARunningHostsMetricsAndEveryQueryParses() throws Exception {
        List<String> queries = queries(dashboard());
        Set<String> used = new TreeSet<>();
        for (String query : queries) {
            Matcher metric = METRIC.matcher(query);
            int found = 0;
            while (metric.find()) {
                used.add(metric.group(1) != null ? metric.group(1) : metric.group(2));
                found++;
            }
            assertThat(found).as("metric names in " + query).isPositive();
        }

        // Prometheus only answers the host's queries and parses the dashboard's; its one scrape target is never up.
        // Kafka: the kafka-lag source's own metrics appear once it has measured.
        try (KafkaBroker broker = KafkaBroker.started()) {
            try (KafkaFixture kafka = new KafkaFixture(broker.bootstrapServers())) {
                kafka.createTopics(List.of("dashboard"), 1);
                kafka.produce("dashboard", 5);
                kafka.commit("dashboard", "dashboard", 1);
            }
            checkAgainstARunningHost(broker, queries, used);
        }
    }

    private void checkAgainstARunningHost(KafkaBroker broker, List<String> queries, Set<String> used) throws Exception {
        try (PrometheusServer prometheus = PrometheusServer.start(URI.create("http://127.0.0.1:1/metrics"));
                ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("dashboard").config(
                        ScalerhostProcess.serverSection() + """
                        sources:
                          kafka: {type: kafka-lag, bootstrapServers: "%s", refreshInterval: 1s}
                          prom: {type: prometheus, url: "%s", refreshInterval: 1s}
                          unreachable: {type: prometheus, url: "http://127.0.0.1:1", refreshInterval: 1s}
                        serviceTypes:
                          depth: {source: prom, query: "vector(3)", target: 2}
                          gone: {source: unreachable, query: "vector(1)", target: 1}
                          lag: {source: kafka, topic: dashboard, consumerGroup: dashboard, target: 10}
                        """.formatted(broker.bootstrapServers(), prometheus.url())).start();
                KedaClient keda = KedaClient.connect(host.grpcPort())) {
            keda.awaitConnected(Duration.ofSeconds(10));
            assertThat(keda.poll("depth").value()).isEqualTo(3.0);
            await().atMost(Duration.ofSeconds(30)).until(() -> keda.poll("lag").value() == 4.0);

            await().atMost(Duration.ofSeconds(30)).until(() -> host.http("/metrics").body()
                    .lines().anyMatch(line -> line.startsWith("scalerhost_source_request_errors_total{")
                            && line.contains("source=\"unreachable\"")));
            String metrics = host.http("/metrics").body();
            Set<String> exposed = new TreeSet<>();
            Matcher sample = SAMPLE_NAME.matcher(metrics);
            while (sample.find()) {
                exposed.add(sample.group(1));
            }
            assertThat(exposed).as("metric names on the host's /metrics").containsAll(used);
            assertThat(metrics).contains("scalerhost_target{service_type=\"depth\"} 2");

            for (String query : queries) {
                String concrete = query.replace("$__rate_interval", "1m").replace("$job", ".*")
                        .replace("$service_type", ".*").replace("$source", ".*");
                if (concrete.startsWith("label_values(")) {
                    continue;
                }
                Http.Reply reply = Http.get(URI.create(prometheus.url() + "/api/v1/query?query="
                        + URLEncoder.encode(concrete, StandardCharsets.UTF_8)));
                assertThat(reply.status()).as(concrete + "\n" + reply.body()).isEqualTo(200);
            }
            host.stop();
        }
    }
}
