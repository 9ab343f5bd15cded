package dev.scalerhost.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The shipped http-json plugin in the running distribution, against the JDK's HTTP server: KEDA's
 * metrics-api words, a token from the environment, and an outage served as the last value until
 * {@code maxStaleness}, then {@code UNAVAILABLE}, never 0.
 */
class HttpJsonSourceIT {

    private static final String TOKEN = "it-bearer-token-4242";

    private final Distribution distribution = Distribution.unpacked();

    @Test
    void servesTheValueThenTheLastValueThenUnavailableWhenTheServerGoesDown() throws Exception {
        AtomicReference<String> document = new AtomicReference<>("{\"data\": {\"queue\": {\"depth\": \"12\"}}}");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stats", exchange -> {
            boolean authorized = ("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = (authorized ? document.get() : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(authorized ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException clientGone) {
                // nothing left to answer
            }
        });
        server.start();
        String config = ScalerhostProcess.serverSection() + """
                sources:
                  queue-api:
                    type: http-json
                    url: http://127.0.0.1:%d/stats
                    bearerToken: ${QUEUE_API_TOKEN}
                    refreshInterval: 500ms
                    timeout: 1s
                    maxStaleness: 4s
                serviceTypes:
                  queue-depth:
                    source: queue-api
                    valueLocation: data.queue.depth
                    targetValue: 5
                    activationTargetValue: 10
                """.formatted(server.getAddress().getPort());
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("http-json")
                .env("QUEUE_API_TOKEN", TOKEN).config(config).start();
             KedaClient keda = KedaClient.connect(host.grpcPort())) {
            KedaClient.Poll poll = keda.poll("queue-depth");
            assertThat(poll.value()).isEqualTo(12);
            assertThat(poll.target()).isEqualTo(5);
            assertThat(poll.active()).isTrue();

            document.set("{\"data\": {\"queue\": {\"depth\": 3}}}");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                KedaClient.Poll next = keda.poll("queue-depth", KedaClient.HPA_DEADLINE);
                assertThat(next.value()).isEqualTo(3);
                assertThat(next.active()).isFalse();
            });

            server.stop(0);
            long down = System.nanoTime();
            assertThat(keda.poll("queue-depth").value()).as("the last good value while it is fresh").isEqualTo(3);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThatThrownBy(() -> keda.getMetrics(keda.ref("queue-depth"), "queue-depth", Optional.empty()))
                            .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                                assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                                assertThat(e.getStatus().getDescription()).contains("queue-api");
                            }));
            assertThat(Duration.ofNanos(System.nanoTime() - down)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(host.http("/status").body()).doesNotContain(TOKEN);
            assertThat(host.log()).doesNotContain(TOKEN);
            host.stop();
        } finally {
            server.stop(0);
        }
    }
}
