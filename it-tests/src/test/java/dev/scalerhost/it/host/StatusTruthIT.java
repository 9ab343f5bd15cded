package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import io.grpc.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a user reads about sources that never work: a PostgreSQL port that accepts connections and
 * never answers, and one that answers with bytes that are not PostgreSQL's protocol. {@code /status}
 * shows no {@code lastSuccess} for either and a {@code lastError} for both; the failure texts of
 * {@code /status}, gRPC and {@code check} carry no Java class names, stack frames or installation paths.
 */
class StatusTruthIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private final Distribution distribution = Distribution.unpacked();
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private ServerSocket silent;
    private ServerSocket garbage;

    @BeforeEach
    void startFakeServers() throws IOException {
        silent = serve(socket -> { });
        garbage = serve(socket -> {
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 5\r\n\r\nnope\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        });
    }

    @AfterEach
    void stopFakeServers() throws IOException {
        silent.close();
        garbage.close();
        for (Socket socket : accepted) {
            socket.close();
        }
    }

    private interface Answer {
        void accept(Socket socket) throws IOException;
    }

    /** A server on a free loopback port that accepts every connection, answers it so, and keeps it open. */
    private ServerSocket serve(Answer answer) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    accepted.add(socket);
                    answer.accept(socket);
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-server-" + server.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    private String config() {
        return ScalerhostProcess.serverSection() + """
                sources:
                  silent-db:
                    type: postgres
                    jdbcUrl: jdbc:postgresql://127.0.0.1:%d/lakerunner
                    username: scaler
                    password: secret
                    connectionTimeout: 1s
                    refreshInterval: 1s
                    timeout: 3s
                    maxStaleness: 2s
                  garbage-db:
                    type: postgres
                    jdbcUrl: jdbc:postgresql://127.0.0.1:%d/lakerunner
                    username: scaler
                    password: secret
                    connectionTimeout: 1s
                    refreshInterval: 1s
                    timeout: 3s
                    maxStaleness: 2s
                serviceTypes:
                  silent-queue:
                    source: silent-db
                    query: SELECT count(*) FROM work_queue
                    target: 10
                  garbage-queue:
                    source: garbage-db
                    query: SELECT count(*) FROM work_queue
                    target: 10
                """.formatted(silent.getLocalPort(), garbage.getLocalPort());
    }

    @Test
    void sourcesThatNeverAnsweredShowNoSuccessAndTheirErrorInWords() throws Exception {
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("status-truth").config(config()).start();
             KedaClient keda = KedaClient.connect(host.grpcPort())) {
            await().atMost(PATIENCE).until(() -> {
                JsonNode types = JSON.readTree(host.http("/status").body()).path("serviceTypes");
                return !types.path("silent-queue").path("lastError").isNull()
                        && !types.path("garbage-queue").path("lastError").isNull();
            });
            JsonNode status = JSON.readTree(host.http("/status").body());
            for (String source : List.of("silent-db", "garbage-db")) {
                JsonNode node = status.path("sources").path(source);
                assertThat(node.path("lastSuccess").isNull()).as("%s lastSuccess in %s", source, node).isTrue();
                assertThat(node.path("lastError").asText("")).as("%s lastError", source).isNotBlank();
                assertWords(node.path("lastError").asText());
            }
            for (String serviceType : List.of("silent-queue", "garbage-queue")) {
                assertWords(status.path("serviceTypes").path(serviceType).path("lastError").asText());
                Status failed = Failures.statusOf(() -> keda.poll(serviceType, KedaClient.HPA_DEADLINE));
                assertThat(failed.getCode()).isIn(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
                assertWords(failed.getDescription());
            }
        }

        ScalerhostProcess check = ScalerhostProcess.builder(distribution).name("status-truth-check").config(config())
                .arguments("check", "--config", "@CONFIG@").launch();
        assertThat(check.awaitExit(PATIENCE)).as("check's exit code; output:\n%s", check.log()).isEqualTo(1);
        String table = check.log().lines().filter(line -> line.startsWith("silent-queue") || line.startsWith("garbage-queue"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(table).as("check's rows in:\n%s", check.log()).contains("silent-queue", "garbage-queue");
        assertWords(table);
    }

    private void assertWords(String text) {
        assertThat(text).as("a failure text a user reads").isNotBlank()
                .doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b")
                .doesNotContain("\tat ", distribution.home().toString());
    }
}
