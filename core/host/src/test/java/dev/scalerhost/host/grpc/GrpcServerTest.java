package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.GrpcAssertions.statusOf;
import static dev.scalerhost.host.grpc.ScalerHarness.metrics;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.host.metrics.MetricsSamples;
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
                .bind(serviceType("ingest-logs", "kafka", 10, 0, timing(100, 1000, 10_000), Set.of())).start();
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

        MetricsSamples samples = MetricsSamples.of(harness.metrics);
        String requests = "scalerhost_rpc_requests_total";
        assertThat(samples.value(requests, "method", "GetMetrics", "service_type", "ingest-logs", "code", "OK")).isEqualTo(3.0);
        assertThat(samples.value(requests, "method", "GetMetrics", "service_type", "unknown", "code", "NOT_FOUND")).isEqualTo(4.0);
        assertThat(samples.value(requests, "method", "IsActive", "service_type", "ingest-logs", "code", "OK")).isEqualTo(1.0);
        assertThat(samples.value(requests, "method", "GetMetricSpec", "service_type", "none", "code", "INVALID_ARGUMENT"))
                .isEqualTo(1.0);
        assertThat(samples.all().keySet()).noneMatch(name -> name.contains("made-up"));
        assertThat(samples.value("scalerhost_rpc_seconds_count", "method", "GetMetrics")).isEqualTo(7.0);
    }

    @Test
    void measurementMetricsArePublished() {
        harness.blocking().getMetrics(metrics("ingest-logs"));
        MetricsSamples samples = MetricsSamples.of(harness.metrics);
        assertThat(samples.value("scalerhost_measurement_seconds_count", "source", "kafka")).isEqualTo(1.0);
        // The largest batch was 1: every batch is in the bucket up to 1.
        assertThat(samples.value("scalerhost_measurement_batch_size_bucket", "source", "kafka", "le", "1.0"))
                .isEqualTo(samples.value("scalerhost_measurement_batch_size_count", "source", "kafka"));
        assertThat(samples.value("scalerhost_value", "service_type", "ingest-logs")).isEqualTo(3.0);
        assertThat(samples.value("scalerhost_value_age_seconds", "service_type", "ingest-logs")).isEqualTo(0.0);
    }
}
