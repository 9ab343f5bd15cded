package dev.scalerhost.it.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ResponseStream;
import dev.scalerhost.it.harness.ScalerhostProcess;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** StreamIsActive as external-push triggers use it, the standard health service and server reflection. */
class GrpcServicesIT {

    private static final Duration QUIET = Duration.ofMillis(1_500);
    private static final Pattern LISTENERS = Pattern.compile("(?m)^scalerhost_stream_listeners(?:\\{})? (\\S+)$");

    private static SteeredSetup setup;
    private static ScalerhostProcess host;
    private static KedaClient keda;
    private static ManagedChannel channel;

    @BeforeAll
    static void startHost() {
        setup = SteeredSetup.create("grpc-services");
        setup.steer("pushed", "1");
        setup.steer("churn", "10");
        host = setup.start("grpc-services", "pushed", "churn");
        keda = KedaClient.connect(host.grpcPort());
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", host.grpcPort()).usePlaintext().build();
    }

    @AfterAll
    static void stopHost() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (keda != null) {
            keda.close();
        }
        if (host != null) {
            try {
                host.stop();
            } finally {
                host.close();
            }
        }
    }

    private static double streamListeners() {
        String metrics = host.http("/metrics").body();
        Matcher gauge = LISTENERS.matcher(metrics);
        if (!gauge.find()) {
            throw new AssertionError("no scalerhost_stream_listeners in /metrics:\n" + metrics);
        }
        return Double.parseDouble(gauge.group(1));
    }

    @Test
    void streamIsActiveSendsTheCurrentStateThenOnlyInactiveToActiveTransitions() {
        Polls.awaitPoll(keda, "pushed", poll -> poll.value() == 1);
        try (ResponseStream<Boolean> stream = keda.openStreamIsActive("pushed")) {
            assertThat(stream.next(Duration.ofSeconds(5))).as("current state at once").isFalse();

            setup.steer("pushed", "10");
            assertThat(stream.next(Duration.ofSeconds(5))).as("inactive -> active").isTrue();

            setup.steer("pushed", "12");
            Polls.awaitPoll(keda, "pushed", poll -> poll.value() == 12);
            setup.steer("pushed", "1");
            Polls.awaitPoll(keda, "pushed", poll -> poll.value() == 1);
            assertThat(stream.poll(QUIET)).as("neither a repeated true nor a false is sent").isEmpty();

            setup.steer("pushed", "20");
            assertThat(stream.next(Duration.ofSeconds(5))).as("inactive -> active again").isTrue();
            assertThat(stream.hasEnded()).isFalse();
        }
    }

    @Test
    void clientsCancellingStreamsRepeatedlyLeaveNoListenersBehind() {
        Polls.awaitPoll(keda, "churn", poll -> poll.value() == 10);
        try (ResponseStream<Boolean> open = keda.openStreamIsActive("churn")) {
            assertThat(open.next(Duration.ofSeconds(5))).isTrue();
            await("one open stream listening").atMost(Duration.ofSeconds(5))
                    .until(GrpcServicesIT::streamListeners, listeners -> listeners == 1);
        }

        List<ResponseStream<Boolean>> cancelled = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ResponseStream<Boolean> stream = keda.openStreamIsActive("churn");
            if (i % 2 == 0) {
                assertThat(stream.next(Duration.ofSeconds(5))).isTrue();
            }
            stream.close();
            cancelled.add(stream);
        }

        await("scalerhost_stream_listeners back to 0").atMost(Duration.ofSeconds(10))
                .until(GrpcServicesIT::streamListeners, listeners -> listeners == 0);
        assertThat(host.isAlive()).isTrue();
        assertThat(keda.poll("churn", KedaClient.HPA_DEADLINE).active()).isTrue();
        assertThat(cancelled).allSatisfy(stream -> assertThat(stream.awaitEnd(Duration.ofSeconds(5)).getCode())
                .isEqualTo(Status.Code.CANCELLED));
    }

    @Test
    void healthReportsServingOverallAndForTheScaler() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);

        assertThat(health.check(HealthCheckRequest.newBuilder().setService("").build()).getStatus())
                .isEqualTo(ServingStatus.SERVING);
        assertThat(health.check(HealthCheckRequest.newBuilder().setService("externalscaler.ExternalScaler").build())
                .getStatus()).isEqualTo(ServingStatus.SERVING);
    }

    @Test
    void reflectionListsTheScalerAndDescribesIt() throws Exception {
        ServerReflectionResponse services = reflect(ServerReflectionRequest.newBuilder().setListServices("*").build());
        ServerReflectionResponse file = reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("externalscaler.ExternalScaler").build());

        assertThat(services.getListServicesResponse().getServiceList()).extracting(ServiceResponse::getName)
                .contains("externalscaler.ExternalScaler", "grpc.health.v1.Health");
        assertThat(file.getFileDescriptorResponse().getFileDescriptorProtoCount()).isPositive();
        assertThat(file.getFileDescriptorResponse().getFileDescriptorProto(0).toStringUtf8())
                .contains("externalscaler", "GetMetrics", "StreamIsActive");
    }

    /** One request on the reflection stream, and its answer. */
    private static ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                        answer.completeExceptionally(new AssertionError("reflection stream ended without an answer"));
                    }
                });
        requests.onNext(request);
        try {
            return answer.get(5, TimeUnit.SECONDS);
        } finally {
            requests.onCompleted();
        }
    }
}
