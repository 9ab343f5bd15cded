package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestBindings.binding;
import static dev.scalerhost.host.engine.TestBindings.timing;
import static dev.scalerhost.host.grpc.GrpcAssertions.statusOf;
import static dev.scalerhost.host.grpc.ScalerHarness.metrics;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.host.metrics.HostMetrics;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GrpcServerTest {

    private final FakeSource kafka = new FakeSource().set("ingest-logs", 3);
    private ScalerHarness harness;

    @BeforeEach
    void start() throws Exception {
        harness = ScalerHarness.with(new MutableClock()).source("kafka", kafka)
                .bind(binding("ingest-logs", "kafka", 10, 0, timing(100, 1000, 10_000), Set.of())).start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(harness.channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    @Test
    void healthReportsTheServingFlagOverallAndForTheScalerService() {
        assertThat(health("")).isEqualTo(ServingStatus.SERVING);
        assertThat(health("externalscaler.ExternalScaler")).isEqualTo(ServingStatus.SERVING);

        harness.server.setServing(false);
        assertThat(health("")).isEqualTo(ServingStatus.NOT_SERVING);
        assertThat(health(GrpcServer.SCALER_SERVICE)).isEqualTo(ServingStatus.NOT_SERVING);

        harness.server.setServing(true);
        assertThat(health("")).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void reflectionListsTheExternalScalerService() throws Exception {
        CompletableFuture<List<String>> services = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(harness.channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        services.complete(response.getListServicesResponse().getServiceList().stream()
                                .map(ServiceResponse::getName).toList());
                    }

                    @Override
                    public void onError(Throwable error) {
                        services.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        services.complete(List.of());
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        assertThat(services.get(5, TimeUnit.SECONDS))
                .contains("externalscaler.ExternalScaler", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
        requests.onCompleted();
    }

    @Test
    void rpcsAreCountedByMethodServiceTypeAndCodeWithUnknownNamesUnderOneLabel() {
        for (int i = 0; i < 3; i++) {
            harness.blocking().getMetrics(metrics("ingest-logs"));
        }
        harness.blocking().isActive(ref("INGEST-LOGS"));
        for (int i = 0; i < 4; i++) {
            String invented = "made-up-" + i;
            statusOf(() -> harness.blocking().getMetrics(metrics(invented)));
        }
        statusOf(() -> harness.blocking().getMetricSpec(ref(null)));

        var registry = harness.metrics.registry();
        String ok = HostMetrics.key("scalerhost_rpc_requests_total", "method", "GetMetrics", "service_type", "ingest-logs", "code", "OK");
        String unknown = HostMetrics.key("scalerhost_rpc_requests_total", "method", "GetMetrics", "service_type", "unknown", "code", "NOT_FOUND");
        String isActive = HostMetrics.key("scalerhost_rpc_requests_total", "method", "IsActive", "service_type", "ingest-logs", "code", "OK");
        String missing = HostMetrics.key("scalerhost_rpc_requests_total", "method", "GetMetricSpec", "service_type", "none", "code", "INVALID_ARGUMENT");
        assertThat(registry.getCounters().get(ok).getCount()).isEqualTo(3);
        assertThat(registry.getCounters().get(unknown).getCount()).isEqualTo(4);
        assertThat(registry.getCounters().get(isActive).getCount()).isEqualTo(1);
        assertThat(registry.getCounters().get(missing).getCount()).isEqualTo(1);
        assertThat(registry.getCounters().keySet()).noneMatch(name -> name.contains("made-up"));
        assertThat(registry.getTimers().get(HostMetrics.key("scalerhost_rpc_seconds", "method", "GetMetrics")).getCount())
                .isEqualTo(7);
    }

    @Test
    void measurementMetricsArePublished() {
        harness.blocking().getMetrics(metrics("ingest-logs"));
        var registry = harness.metrics.registry();
        assertThat(registry.getTimers().get(HostMetrics.key("scalerhost_measurement_seconds", "source", "kafka")).getCount())
                .isEqualTo(1);
        assertThat(registry.getHistograms().get(HostMetrics.key("scalerhost_measurement_batch_size", "source", "kafka"))
                .getSnapshot().getMax()).isEqualTo(1);
        assertThat(registry.getGauges().get(HostMetrics.key("scalerhost_value", "service_type", "ingest-logs")).getValue())
                .isEqualTo(3.0);
        assertThat(registry.getGauges().get(HostMetrics.key("scalerhost_value_age_seconds", "service_type", "ingest-logs"))
                .getValue()).isEqualTo(0.0);
    }
}
