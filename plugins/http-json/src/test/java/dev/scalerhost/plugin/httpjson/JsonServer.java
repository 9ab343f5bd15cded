package dev.scalerhost.plugin.httpjson;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * The JDK's HTTP(S) server on an ephemeral 127.0.0.1 port, serving what each test sets per path and
 * counting requests and recording their Authorization headers.
 */
final class JsonServer implements AutoCloseable {

    /** What a path answers. */
    record Answer(int status, String body, long delayMillis) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> customHeaders = new CopyOnWriteArrayList<>();
    private volatile String requiredAuthorization;

    private JsonServer(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    static JsonServer http() {
        try {
            return new JsonServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonServer https(SSLContext context) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(context));
            return new JsonServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url(String path) {
        String scheme = server instanceof HttpsServer ? "https" : "http";
        return URI.create(scheme + "://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    JsonServer serve(String path, String json) {
        return answer(path, new Answer(200, json, 0));
    }

    JsonServer answer(String path, Answer answer) {
        answers.put(path, answer);
        return this;
    }

    /** Answers 401 to any request without exactly this Authorization header. */
    JsonServer requireAuthorization(String header) {
        this.requiredAuthorization = header;
        return this;
    }

    int requests(String path) {
        return requests.getOrDefault(path, new AtomicInteger()).get();
    }

    List<String> authorizations() {
        return authorizations;
    }

    List<String> customHeaders() {
        return customHeaders;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, any -> new AtomicInteger()).incrementAndGet();
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        authorizations.add(String.valueOf(authorization));
        customHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Tenant")));
        Answer answer = answers.getOrDefault(path, new Answer(404, "{\"error\":\"no such path\"}", 0));
        if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
            answer = new Answer(401, "{\"error\":\"bad credentials: " + authorization + "\"}", 0);
        }
        try {
            Thread.sleep(answer.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException clientGone) {
            // the client gave up (a timeout test); nothing to answer
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
