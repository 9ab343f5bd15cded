package dev.scalerhost.aot;

import java.nio.file.Path;
import java.util.List;

/**
 * The host configuration of the training run: the built-in plugins' sources as a production config
 * uses them, so that their classes and the paths through them land in the cache. The Prometheus
 * sources read {@link TrainingBackend}; Kafka and PostgreSQL point at a closed local port, since an
 * image build has neither, which trains their client set-up and the failing-refresh path.
 */
final class TrainingConfig {

    /** The serviceTypes the config declares, one per source. */
    static final List<String> SERVICE_TYPES = List.of("training-endpoint", "training-prometheus", "training-kafka",
            "training-postgres");

    private TrainingConfig() {
    }

    static String yaml(int grpcPort, int httpPort, Path plugins, String backendUrl, int closedPort) {
        return """
                # Written by bin/scalerhost-aot-cache for the training run; not a config to copy.
                server:
                  grpc: {host: 127.0.0.1, port: %1$d}
                  http: {host: 127.0.0.1, port: %2$d}
                plugins: {directory: "%3$s"}
                sources:
                  endpoint:
                    type: metrics-endpoint
                    url: %4$s/metrics
                  prometheus:
                    type: prometheus
                    serverAddress: %4$s
                  kafka:
                    type: kafka-lag
                    bootstrapServers: 127.0.0.1:%5$d
                    requestTimeout: 2s
                  postgres:
                    type: postgres
                    jdbcUrl: jdbc:postgresql://127.0.0.1:%5$d/training
                    username: training
                    password: training
                    connectionTimeout: 1s
                    queries:
                      depth-by-task: SELECT task_name, count(*) AS depth FROM work_queue GROUP BY task_name
                serviceTypes:
                  training-endpoint:
                    source: endpoint
                    metric: %6$s
                    target: 10
                  training-prometheus:
                    source: prometheus
                    query: sum(%6$s)
                    threshold: 10
                  training-kafka:
                    source: kafka
                    topic: training
                    consumerGroup: training
                    target: 100
                  training-postgres:
                    source: postgres
                    keyedQuery: depth-by-task
                    key: training
                    target: 10
                """.formatted(grpcPort, httpPort, plugins, backendUrl, closedPort, TrainingBackend.METRIC);
    }
}
