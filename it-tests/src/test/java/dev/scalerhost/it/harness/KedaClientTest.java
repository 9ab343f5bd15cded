package dev.scalerhost.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.MetricSpec;
import dev.scalerhost.proto.MetricValue;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.Context;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The KEDA-style client against a scripted in-process scaler that records what it was asked. */
class KedaClientTest {

    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch streamCancelled = new CountDownLatch(1);
    private Server server;
    private KedaClient client;

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new ScriptedScaler())
                .build()
                .start();
        client = KedaClient.connect(server.getPort());
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void pollCallsSpecThenMetricsByReturnedNameThenIsActive() {
        KedaClient.Poll poll = client.poll("ingest-logs");

        assertThat(poll).isEqualTo(new KedaClient.Poll("ingest-logs", 1500.5, 1501, 4200.25, 4200, true));
        assertThat(calls).containsExactly(
                "GetMetricSpec ingest-logs deadline=false",
                "GetMetrics ingest-logs metricName=ingest-logs deadline=false",
                "IsActive ingest-logs deadline=false");
    }

    @Test
    void pollWithDeadlineSetsItOnEveryCall() {
        client.poll("ingest-logs", KedaClient.HPA_DEADLINE);

        assertThat(calls).hasSize(3).allMatch(call -> call.endsWith("deadline=true"));
    }

    @Test
    void pollSurfacesTheServersStatus() {
        assertThatThrownBy(() -> client.poll("unknown"))
                .isInstanceOf(StatusRuntimeException.class)
                .satisfies(e -> assertThat(((StatusRuntimeException) e).getStatus().getCode())
                        .isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void streamIsActiveDeliversMessagesAndCancelsOnClose() throws Exception {
        ResponseStream<Boolean> stream = client.openStreamIsActive("ingest-logs");

        assertThat(stream.next(Duration.ofSeconds(5))).isTrue();
        assertThat(stream.next(Duration.ofSeconds(5))).isFalse();
        stream.close();

        assertThat(streamCancelled.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.awaitEnd(Duration.ofSeconds(5)).getCode()).isEqualTo(Status.Code.CANCELLED);
    }

    private final class ScriptedScaler extends ExternalScalerGrpc.ExternalScalerImplBase {

        private void record(String call) {
            calls.add(call + " deadline=" + (Context.current().getDeadline() != null));
        }

        private static String serviceType(ScaledObjectRef ref) {
            return ref.getScalerMetadataOrDefault("serviceType", "");
        }

        @Override
        public void getMetricSpec(ScaledObjectRef ref, StreamObserver<GetMetricSpecResponse> out) {
            record("GetMetricSpec " + serviceType(ref));
            if (!serviceType(ref).equals("ingest-logs")) {
                out.onError(Status.NOT_FOUND.withDescription("unknown serviceType").asRuntimeException());
                return;
            }
            out.onNext(GetMetricSpecResponse.newBuilder().addMetricSpecs(MetricSpec.newBuilder()
                    .setMetricName("ingest-logs").setTargetSizeFloat(1500.5).setTargetSize(1501)).build());
            out.onCompleted();
        }

        @Override
        public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> out) {
            record("GetMetrics " + serviceType(request.getScaledObjectRef()) + " metricName=" + request.getMetricName());
            out.onNext(GetMetricsResponse.newBuilder().addMetricValues(MetricValue.newBuilder()
                    .setMetricName(request.getMetricName()).setMetricValueFloat(4200.25).setMetricValue(4200)).build());
            out.onCompleted();
        }

        @Override
        public void isActive(ScaledObjectRef ref, StreamObserver<IsActiveResponse> out) {
            record("IsActive " + serviceType(ref));
            out.onNext(IsActiveResponse.newBuilder().setResult(true).build());
            out.onCompleted();
        }

        @Override
        public void streamIsActive(ScaledObjectRef ref, StreamObserver<IsActiveResponse> out) {
            ((ServerCallStreamObserver<IsActiveResponse>) out).setOnCancelHandler(streamCancelled::countDown);
            out.onNext(IsActiveResponse.newBuilder().setResult(true).build());
            out.onNext(IsActiveResponse.newBuilder().setResult(false).build());
        }
    }
}
