package dev.scalerhost.it.queues;

import static org.awaitility.Awaitility.await;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The built distribution running a test copy of the shipped {@code config/queues.yaml}: local ports,
 * the distribution's plugins, short timing on every source, and the servers' addresses in the
 * environment variables the file reads.
 */
final class QueuesSetup {

    static final Duration REFRESH = Duration.ofMillis(500);
    static final Duration MAX_STALENESS = Duration.ofSeconds(4);
    static final Duration PROPAGATION = Duration.ofSeconds(20);

    private QueuesSetup() {
    }

    /** Starts the distribution with the servers' addresses in {@code env}, and connects a KEDA client to it. */
    static QueuesHost start(String name, Map<String, String> env) throws IOException {
        Distribution distribution = Distribution.unpacked();
        var builder = ScalerhostProcess.builder(distribution).name(name)
                .config(testCopy(distribution.config().resolve("queues.yaml")));
        // Servers a test does not start are unreachable addresses: their serviceTypes fail, the rest serve.
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("REDIS_ADDRESS", "127.0.0.1:1",
                "RABBITMQ_MANAGEMENT_URL", "http://127.0.0.1:1", "RABBITMQ_PASSWORD", "unused",
                "NATS_MONITORING_ENDPOINT", "127.0.0.1:1"));
        all.putAll(env);
        all.forEach(builder::env);
        ScalerhostProcess process = builder.start();
        try {
            return new QueuesHost(process, KedaClient.connect(process.grpcPort()));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
    }

    /**
     * Waits until a KEDA poll of {@code serviceType} returns {@code expected}, and returns that poll;
     * UNAVAILABLE meanwhile is tolerated (a measurement may time out on a busy machine).
     */
    static KedaClient.Poll awaitValue(KedaClient keda, String serviceType, double expected) {
        return await().atMost(PROPAGATION).pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsMatching(e -> e instanceof StatusRuntimeException failed
                        && failed.getStatus().getCode() == Status.Code.UNAVAILABLE)
                .until(() -> keda.poll(serviceType), poll -> poll.value() == expected);
    }

    static String testCopy(Path shipped) throws IOException {
        String text = Files.readString(shipped, StandardCharsets.UTF_8);
        String timing = "    refreshInterval: " + REFRESH.toMillis() + "ms\n    timeout: 2s\n"
                + "    maxStaleness: " + MAX_STALENESS.toSeconds() + "s\n";
        text = replaceOnce(text, "  grpc: {port: 9090}\n  http: {port: 8080}\n",
                "  grpc: {host: 127.0.0.1, port: @GRPC_PORT@}\n  http: {host: 127.0.0.1, port: @HTTP_PORT@}\n");
        text = replaceOnce(text, "plugins: {directory: plugins}", "plugins: {directory: \"@PLUGINS_DIR@\"}");
        for (String type : new String[] {"redis", "redis-streams", "rabbitmq", "nats-jetstream"}) {
            text = replaceOnce(text, "    type: " + type + "\n", "    type: " + type + "\n" + timing);
        }
        return text;
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("config/queues.yaml no longer contains '" + from.strip()
                    + "' exactly once; update the test copy in " + QueuesSetup.class.getSimpleName());
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }
}
