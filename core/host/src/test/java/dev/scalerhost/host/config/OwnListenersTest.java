package dev.scalerhost.host.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnListenersTest {

    private static final String SERVER = """
            server:
              grpc: {port: 9090}
              http: {host: 10.1.2.3, port: 8080}
            """;

    @TempDir
    Path directory;

    private ConfigFixture fixture;
    private OwnListeners check;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new ConfigFixture(directory);
        check = new OwnListeners(new LocalHosts(Set.of(InetAddress.getByName("192.168.7.7"))));
    }

    private List<ConfigProblem> problems(String yaml) throws Exception {
        ConfigDocument document = fixture.read(yaml);
        ServerConfig server = new ConfigBinder(document, directory).server();
        Problems problems = new Problems();
        check.check(document.root(), List.of(server), problems);
        return problems.list();
    }

    @Test
    void aPrometheusUrlOnTheGrpcPortOfThisHostIsRefusedNamingBothKeys() throws Exception {
        List<ConfigProblem> found = problems(SERVER + """
                sources:
                  prom:
                    type: prometheus
                    url: http://localhost:9090
                """);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).render()).startsWith("sources.prom.url (line 7, column 10): 'http://localhost:9090' "
                + "is this host's own gRPC listener (server.grpc.port is 9090 on 0.0.0.0)");
    }

    @Test
    void loopbackWildcardInterfaceAndBindAddressesAreAllThisHost() throws Exception {
        List<ConfigProblem> found = problems(SERVER + """
                sources:
                  a: {type: x, url: "http://127.0.0.2:9090/metrics"}
                  b: {type: x, bootstrapServers: "kafka:9092,0.0.0.0:8080"}
                  c: {type: x, url: "https://[::1]:9090"}
                  d: {type: x, url: "http://192.168.7.7:8080"}
                  e: {type: x, nested: {servers: ["10.1.2.3:8080"]}}
                  f: {type: x, url: "http://api.localhost:9090"}
                """);
        assertThat(found).extracting(ConfigProblem::path).containsExactly(
                "sources.a.url", "sources.b.bootstrapServers", "sources.c.url", "sources.d.url",
                "sources.e.nested.servers[0]", "sources.f.url");
        assertThat(found.get(1).message()).contains("HTTP listener (server.http.port is 8080");
    }

    @Test
    void otherHostsOtherPortsAndOtherTextPass() throws Exception {
        assertThat(problems(SERVER + """
                sources:
                  prom: {type: prometheus, url: "http://prometheus:9090"}
                  local: {type: metrics-endpoint, url: "http://127.0.0.1:8000/metrics"}
                  kafka: {type: kafka-lag, bootstrapServers: "localhost:9092"}
                  db: {type: postgres, jdbcUrl: "jdbc:postgresql://localhost/lakerunner", queries: {q: "SELECT 9090"}}
                  web: {type: x, url: "http://localhost"}
                """)).isEmpty();
    }

    @Test
    void aSubstitutedValueIsRefusedWithoutBeingShown() throws Exception {
        fixture.env("PROMETHEUS_URL", "http://localhost:8080/");
        List<ConfigProblem> found = problems(SERVER + """
                sources:
                  prom: {type: prometheus, url: "${PROMETHEUS_URL}"}
                """);
        assertThat(found).singleElement().satisfies(problem -> {
            assertThat(problem.message()).startsWith("the substituted value is this host's own HTTP listener")
                    .doesNotContain("localhost");
        });
    }

    @Test
    void anEphemeralListenerPortIsNeverMatched() throws Exception {
        assertThat(problems("""
                server:
                  grpc: {port: 0}
                  http: {port: 0}
                sources:
                  prom: {type: prometheus, url: "http://localhost:0"}
                """)).isEmpty();
    }
}
