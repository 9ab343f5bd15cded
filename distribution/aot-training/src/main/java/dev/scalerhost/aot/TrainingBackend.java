package dev.scalerhost.aot;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * What the training run's sources read: a Prometheus text endpoint ({@code /metrics}) and a
 * Prometheus query API ({@code /api/v1/query}) with constant answers, on 127.0.0.1. Plain HTTP/1.1
 * with one request per connection, written on a bare socket so that the training client needs
 * nothing beyond {@code java.base} and the host's {@code lib/}.
 */
final class TrainingBackend implements AutoCloseable {

    static final String METRIC = "training_queue_depth";
    private static final String METRICS_BODY = "# TYPE " + METRIC + " gauge\n" + METRIC + " 5\n";
    private static final String QUERY_BODY = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\","
            + "\"result\":[{\"metric\":{},\"value\":[1700000000,\"5\"]}]}}";

    private final ServerSocket socket;
    private final Thread acceptor;

    private TrainingBackend(ServerSocket socket) {
        this.socket = socket;
        this.acceptor = new Thread(this::serve, "training-backend");
        this.acceptor.setDaemon(true);
    }

    static TrainingBackend start() throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TrainingBackend backend = new TrainingBackend(socket);
        backend.acceptor.start();
        return backend;
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}. */
    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket connection = socket.accept()) {
                answer(connection);
            } catch (IOException e) {
                // Closed while accepting, or a client that went away mid-request: nothing to answer.
            }
        }
    }

    private static void answer(Socket connection) throws IOException {
        connection.setSoTimeout(10_000);
        BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
        String requestLine = in.readLine();
        if (requestLine == null) {
            return;
        }
        for (String header = in.readLine(); header != null && !header.isEmpty(); header = in.readLine()) {
            // Headers are not needed; GET requests carry no body.
        }
        String[] parts = requestLine.split(" ");
        String path = parts.length > 1 ? parts[1] : "/";
        String status;
        String type;
        String body;
        if (path.startsWith("/metrics")) {
            status = "200 OK";
            type = "text/plain; version=0.0.4";
            body = METRICS_BODY;
        } else if (path.startsWith("/api/v1/query")) {
            status = "200 OK";
            type = "application/json";
            body = QUERY_BODY;
        } else {
            status = "404 Not Found";
            type = "text/plain";
            body = "not found\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = connection.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
