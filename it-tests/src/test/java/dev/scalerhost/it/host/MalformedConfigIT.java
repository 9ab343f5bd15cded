package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.ScalerhostProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed configuration files, each checked with {@code bin/scalerhost check --config FILE}: exit
 * code 2, every problem named by its path (and line), no stack trace, no secret. One is also given
 * to {@code run}, which must refuse it before opening any port.
 *
 * <p>The checks run two at a time before the tests, which then assert on their results: a JVM per
 * file is most of this class's time.
 */
class MalformedConfigIT {

    private static final int AT_ONCE = 2;

    private static final String SECRET = "hunter2-do-not-print";
    private static final String SERVER = ScalerhostProcess.serverSection();
    private static final String SOURCE = """
            sources:
              steered: {type: steer, refreshInterval: 500ms, maxStaleness: 2s}
            """;

    private static final Map<String, Checked> CHECKED = new ConcurrentHashMap<>();

    private static SteeredSetup setup;
    private static Path secretFile;

    /**
     * One malformed file.
     *
     * @param name     what is wrong, for the test's name
     * @param yaml     the whole file, with the tokens of {@link ScalerhostProcess}
     * @param expected what the error output must contain: the path of the problem and its gist
     */
    record Case(String name, String yaml, List<String> expected) {
        Case(String name, String yaml, String... expected) {
            this(name, yaml, List.of(expected));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** What {@code check} did with one case. */
    record Checked(int exitCode, String output, Path configFile) {
    }

    @BeforeAll
    static void checkEveryCase() throws Exception {
        setup = SteeredSetup.create("malformed-config");
        secretFile = setup.distribution().newWorkDirectory("malformed-secret").resolve("secret.txt");
        Files.writeString(secretFile, SECRET);
        ExecutorService checks = Executors.newFixedThreadPool(AT_ONCE);
        try {
            List<Future<?>> running = new ArrayList<>();
            cases().forEach(malformed -> running.add(checks.submit(() -> check(malformed))));
            for (Future<?> done : running) {
                done.get();
            }
        } finally {
            checks.shutdownNow();
        }
    }

    private static void check(Case malformed) {
        ScalerhostProcess check = ScalerhostProcess.builder(setup.distribution()).name("check")
                .config(malformed.yaml().replace("@SECRET@", secretFile.toString()))
                .arguments("check", "--config", "@CONFIG@").launch();
        int exitCode = check.awaitExit(SteeredSetup.PATIENCE);
        CHECKED.put(malformed.name(), new Checked(exitCode, check.log(), check.configFile()));
    }

    private static String binding(String body) {
        return SERVER + SOURCE + "serviceTypes:\n  orders: {source: steered, control: /tmp/orders, " + body + "}\n";
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("yaml syntax error", SERVER + "sources: [unclosed\n", "line 5, column", "YAML syntax error"),
                new Case("tab indentation", "server:\n\tgrpc: {port: 1}\n", "line 2, column 1", "a tab character; YAML indents with spaces only"),
                new Case("empty file", "", "the file is empty"),
                new Case("top level is a list", "- a\n- b\n", "the top level must be a map"),
                new Case("top-level key typo", SERVER + SOURCE + "servicetypes: {}\n",
                        "servicetypes (line 7, column 1)", "did you mean 'serviceTypes'"),
                new Case("serviceTypes is a list", SERVER + SOURCE + "serviceTypes: [a, b]\n",
                        "serviceTypes (line 7", "expected a map"),
                new Case("binding is a scalar", SERVER + SOURCE + "serviceTypes:\n  orders: 12\n",
                        "serviceTypes.orders (line 8", "expected a map"),
                new Case("target missing", binding("activation: 1"), "serviceTypes.orders.target", "required"),
                new Case("target negative", binding("target: -3"), "serviceTypes.orders.target", "greater than 0"),
                new Case("target not a number", binding("target: lots"), "serviceTypes.orders.target", "'lots'"),
                new Case("activation not a number", binding("target: 1, activation: none"),
                        "serviceTypes.orders.activation", "'none'"),
                new Case("target and its alias", binding("target: 1, threshold: 2"),
                        "serviceTypes.orders.threshold", "two spellings"),
                new Case("duplicate key", binding("target: 1, target: 2"), "serviceTypes.orders.target",
                        "duplicate key"),
                new Case("unknown source", SERVER + SOURCE + "serviceTypes:\n  orders: {source: stered, target: 1}\n",
                        "serviceTypes.orders.source", "did you mean 'steered'"),
                new Case("source missing", SERVER + SOURCE + "serviceTypes:\n  orders: {target: 1}\n",
                        "serviceTypes.orders.source", "required"),
                new Case("invalid serviceType name", SERVER + SOURCE
                        + "serviceTypes:\n  Orders_Q: {source: steered, control: /tmp/q, target: 1}\n",
                        "serviceTypes.Orders_Q", "invalid serviceType name"),
                new Case("plugin parameter typo", SERVER + SOURCE
                        + "serviceTypes:\n  orders: {source: steered, contrl: /tmp/orders, target: 1}\n",
                        "serviceTypes.orders.control", "required", "serviceTypes.orders.contrl",
                        "did you mean 'control'"),
                new Case("metadata override of a measurement parameter", binding("target: 1, metadataOverrides: [control]"),
                        "serviceTypes.orders.metadataOverrides[0]", "cannot be overridden"),
                new Case("source is a scalar", SERVER + "sources:\n  steered: 5\nserviceTypes: {}\n",
                        "sources.steered (line 6", "expected a map"),
                new Case("source type missing", SERVER + "sources:\n  steered: {refreshInterval: 1s}\nserviceTypes: {}\n",
                        "sources.steered.type", "required"),
                new Case("source type without plugin", SERVER + "sources:\n  steered: {type: stear}\nserviceTypes: {}\n",
                        "sources.steered.type", "no plugin provides source type 'stear'", "did you mean 'steer'"),
                new Case("duration without unit", SERVER + "sources:\n  steered: {type: steer, refreshInterval: 5}\n"
                        + "serviceTypes: {}\n", "sources.steered.refreshInterval", "add a unit"),
                new Case("staleness below refresh", SERVER
                        + "sources:\n  steered: {type: steer, refreshInterval: 10s, maxStaleness: 2s}\nserviceTypes: {}\n",
                        "sources.steered.maxStaleness", "at least refreshInterval"),
                new Case("zero timeout", binding("target: 1, timeout: 0s"), "serviceTypes.orders.timeout",
                        "greater than 0"),
                new Case("port out of range", "server:\n  grpc: {port: 70000}\n  http: {port: @HTTP_PORT@}\n"
                        + "serviceTypes: {}\n", "server.grpc.port", "70000"),
                new Case("one port for both listeners", "server:\n  grpc: {port: @GRPC_PORT@}\n"
                        + "  http: {port: @GRPC_PORT@}\nserviceTypes: {}\n", "server.http.port", "same port"),
                new Case("unknown log format", SERVER.replace("server:\n", "server:\n  logFormat: xml\n")
                        + "serviceTypes: {}\n", "server.logFormat", "'xml'"),
                new Case("shutdown grace too long", SERVER.replace("server:\n", "server:\n  shutdownGrace: 2h\n")
                        + "serviceTypes: {}\n", "server.shutdownGrace", "at most 1h"),
                new Case("TLS files missing", "server:\n  grpc: {port: @GRPC_PORT@, tls: {certificate: /nonexistent/"
                        + "cert.pem, privateKey: /nonexistent/key.pem}}\n  http: {port: @HTTP_PORT@}\nserviceTypes: {}\n",
                        "server.grpc.tls.certificate", "server.grpc.tls.privateKey", "/nonexistent/cert.pem"),
                new Case("blank plugins directory", SERVER.replace("plugins: {directory: \"@PLUGINS_DIR@\"}",
                        "plugins: {directory: ''}") + "serviceTypes: {}\n", "plugins.directory", "must not be empty"),
                new Case("environment variable not set", binding("target: \"${SCALERHOST_E2E_NEVER_SET}\""),
                        "serviceTypes.orders.target", "SCALERHOST_E2E_NEVER_SET is not set"),
                new Case("file substitution missing", binding("target: \"${file:/nonexistent/e2e-target}\""),
                        "serviceTypes.orders.target", "/nonexistent/e2e-target", "does not exist"),
                new Case("secret file that is not a number", binding("target: \"${file:@SECRET@}\""),
                        "serviceTypes.orders.target", "not shown"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void checkRefusesWithExitTwoAndTheProblemsPath(Case malformed) {
        Checked checked = CHECKED.get(malformed.name());

        assertThat(checked.exitCode()).as("exit code; output:\n%s", checked.output()).isEqualTo(2);
        assertThat(checked.output()).contains(checked.configFile().toString()).contains(malformed.expected());
        assertThat(checked.output()).doesNotContain("\tat ", "Exception in thread", SECRET);
    }

    @Test
    void missingConfigFileIsRefusedNamingIt() {
        ScalerhostProcess check = ScalerhostProcess.builder(setup.distribution()).name("check-missing")
                .config("serviceTypes: {}\n").arguments("check", "--config", "/nonexistent/scalerhost.yaml").launch();

        assertThat(check.awaitExit(SteeredSetup.PATIENCE)).isEqualTo(2);
        assertThat(check.log()).contains("/nonexistent/scalerhost.yaml", "does not exist").doesNotContain("\tat ");
    }

    @Test
    void runRefusesAMalformedFileBeforeOpeningAnyPort() {
        ScalerhostProcess run = ScalerhostProcess.builder(setup.distribution()).name("run-malformed")
                .config(binding("target: -3")).launch();
        boolean portOpened = false;
        while (run.isAlive()) {
            portOpened |= accepts(run.grpcPort()) || accepts(run.httpPort());
            sleep(20);
        }

        assertThat(run.awaitExit(SteeredSetup.PATIENCE)).isEqualTo(2);
        assertThat(portOpened).as("a port accepted a connection").isFalse();
        assertThat(run.log()).contains("serviceTypes.orders.target", "greater than 0")
                .doesNotContain("listening on", "\tat ", "Exception in thread");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 50);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
