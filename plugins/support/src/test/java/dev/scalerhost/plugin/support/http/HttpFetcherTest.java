package dev.scalerhost.plugin.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.scalerhost.spi.Deadline;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client for an {@code http:} endpoint has no TLS: it answers over plain HTTP and refuses https. */
class HttpFetcherTest {

    private HttpServer server;
    private URI url;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = "queue_depth 7\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void aPlainHttpEndpointIsFetchedWithoutTls() throws Exception {
        try (HttpFetcher fetcher = new HttpFetcher(new HttpEndpoint(url, Map.of(), null, List.of()), "test-http")) {
            HttpResponse<String> response = fetcher.get(url, "text/plain", deadline(), HttpResponse.BodyHandlers.ofString()).get();

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("queue_depth 7\n");
        }
    }

    @Test
    void anHttpsRequestThroughAPlainHttpEndpointsClientIsRefusedInWords() {
        try (HttpFetcher fetcher = new HttpFetcher(new HttpEndpoint(url, Map.of(), null, List.of()), "test-http")) {
            URI overTls = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/metrics");

            assertThatThrownBy(() -> fetcher.get(overTls, "text/plain", deadline(), HttpResponse.BodyHandlers.ofString()).get())
                    .isInstanceOf(ExecutionException.class)
                    .rootCause().hasMessage(PlainHttpOnly.REFUSAL);
        }
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(10));
    }
}
