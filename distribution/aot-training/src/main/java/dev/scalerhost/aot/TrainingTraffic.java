package dev.scalerhost.aot;

import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What KEDA and a Kubernetes node send a running host, in a few rounds: every ExternalScaler RPC
 * but the streams for each serviceType (answered or failing alike: both paths are worth having in the
 * cache), the gRPC health check, and the probes, {@code /metrics}, {@code /status} and the console
 * page over HTTP.
 */
final class TrainingTraffic {

    private static final List<String> HTTP_PATHS = List.of("/livez", "/readyz", "/healthz", "/metrics", "/status", "/");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final int grpcPort;
    private final int httpPort;
    private int calls;
    private int failedCalls;

    TrainingTraffic(int grpcPort, int httpPort) {
        this.grpcPort = grpcPort;
        this.httpPort = httpPort;
    }

    /** Sends {@code rounds} rounds; the host's answers are not judged, only that it answers at all. */
    void send(List<String> serviceTypes, int rounds) throws IOException, InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(CALL_TIMEOUT).build();
        try {
            for (int round = 0; round < rounds; round++) {
                for (String serviceType : serviceTypes) {
                    rpcs(channel, serviceType);
                }
                HealthGrpc.newBlockingStub(channel).withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .check(HealthCheckRequest.getDefaultInstance());
                for (String path : HTTP_PATHS) {
                    get(http, path);
                }
            }
        } finally {
            channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** RPCs sent, and how many of them the host answered with an error status. */
    String summary() {
        return calls + " RPCs (" + failedCalls + " answered with an error, as expected for sources without a backend)";
    }

    private void rpcs(ManagedChannel channel, String serviceType) {
        ExternalScalerGrpc.ExternalScalerBlockingStub stub = ExternalScalerGrpc.newBlockingStub(channel)
                .withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        ScaledObjectRef ref = ScaledObjectRef.newBuilder()
                .setName("aot-training-" + serviceType)
                .setNamespace("default")
                .putScalerMetadata("scalerAddress", "127.0.0.1:" + grpcPort)
                .putScalerMetadata("serviceType", serviceType)
                .build();
        try {
            calls++;
            GetMetricSpecResponse spec = stub.getMetricSpec(ref);
            String metricName = spec.getMetricSpecsCount() > 0 ? spec.getMetricSpecs(0).getMetricName() : serviceType;
            calls++;
            stub.getMetrics(GetMetricsRequest.newBuilder().setScaledObjectRef(ref).setMetricName(metricName).build());
            calls++;
            stub.isActive(ref);
        } catch (StatusRuntimeException expectedForAFailingSource) {
            failedCalls++;
        }
    }

    private void get(HttpClient http, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(CALL_TIMEOUT).GET().build();
        http.send(request, HttpResponse.BodyHandlers.discarding());
    }
}
