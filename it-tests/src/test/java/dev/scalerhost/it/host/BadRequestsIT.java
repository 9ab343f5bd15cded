package dev.scalerhost.it.host;

import static dev.scalerhost.it.host.Failures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests KEDA should never send, or sends when misconfigured, get a clear status and the host
 * keeps serving: after every test the process is alive and answers a normal poll.
 */
class BadRequestsIT {

    private static SteeredSetup setup;
    private static ScalerhostProcess host;
    private static KedaClient keda;
    private static ManagedChannel channel;

    @BeforeAll
    static void startHost() {
        setup = SteeredSetup.create("bad-requests");
        setup.steer("orders", "3");
        setup.steer("hung", "hang");
        setup.timeout("hung", Duration.ofSeconds(30));
        setup.steer("stuck", "hang");
        host = setup.start("bad-requests", "orders", "hung", "stuck");
        keda = KedaClient.connect(host.grpcPort());
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", host.grpcPort()).usePlaintext().build();
        Polls.awaitPoll(keda, "orders", poll -> poll.value() == 3);
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

    @AfterEach
    void hostStillServes() {
        if (!host.isAlive()) {
            throw host.failure("scalerhost exited");
        }
        assertThat(keda.poll("orders", KedaClient.HPA_DEADLINE))
                .isEqualTo(new KedaClient.Poll("orders", 10.0, 10, 3.0, 3, false));
        assertThat(host.http("/livez").status()).isEqualTo(200);
    }

    private static ScaledObjectRef refWith(Map<String, String> metadata) {
        return ScaledObjectRef.newBuilder().setName("so").setNamespace("default").putAllScalerMetadata(metadata).build();
    }

    @Test
    void unknownServiceTypeIsNotFoundListingTheKnownOnes() {
        ScaledObjectRef ref = keda.ref("nope");

        for (Status status : new Status[] {
                statusOf(() -> keda.getMetricSpec(ref, Optional.empty())),
                statusOf(() -> keda.getMetrics(ref, "nope", Optional.empty())),
                statusOf(() -> keda.isActive(ref, Optional.empty()))}) {
            assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
            assertThat(status.getDescription()).contains("'nope'", "orders", "hung", "stuck");
        }
        assertThat(keda.openStreamIsActive("nope").awaitEnd(Duration.ofSeconds(5)).getCode())
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void missingOrBlankServiceTypeIsInvalidArgumentNamingTheKey() {
        Map<String, String> blank = new LinkedHashMap<>();
        blank.put("scalerAddress", "127.0.0.1:" + host.grpcPort());
        blank.put("serviceType", "  ");

        for (ScaledObjectRef ref : new ScaledObjectRef[] {
                refWith(Map.of("scalerAddress", "127.0.0.1:" + host.grpcPort())), refWith(blank)}) {
            Status spec = statusOf(() -> keda.getMetricSpec(ref, Optional.empty()));
            Status metrics = statusOf(() -> keda.getMetrics(ref, "orders", Optional.empty()));
            Status active = statusOf(() -> keda.isActive(ref, Optional.empty()));
            for (Status status : new Status[] {spec, metrics, active}) {
                assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                assertThat(status.getDescription()).contains("serviceType", "orders");
            }
        }
    }

    @Test
    void emptyMetadataMapIsInvalidArgument() {
        for (ScaledObjectRef ref : new ScaledObjectRef[] {refWith(Map.of()), ScaledObjectRef.getDefaultInstance()}) {
            Status status = statusOf(() -> keda.getMetrics(ref, "orders", Optional.empty()));

            assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(status.getDescription()).contains("no serviceType");
        }
    }

    @Test
    void megabyteOfUnknownMetadataIsToleratedAndAnswered() {
        ScaledObjectRef oneBigValue = keda.ref("orders", Map.of("blob", "x".repeat(1 << 20)));
        Map<String, String> manyKeys = new LinkedHashMap<>();
        for (int i = 0; i < 8192; i++) {
            manyKeys.put("key-" + i, "v".repeat(120));
        }
        ScaledObjectRef manySmallValues = keda.ref("orders", manyKeys);

        for (ScaledObjectRef ref : new ScaledObjectRef[] {oneBigValue, manySmallValues}) {
            assertThat(ref.getSerializedSize()).isGreaterThanOrEqualTo(1 << 20);
            assertThat(keda.poll(ref, Optional.of(KedaClient.HPA_DEADLINE)))
                    .isEqualTo(new KedaClient.Poll("orders", 10.0, 10, 3.0, 3, false));
        }
    }

    @Test
    void metadataBeyondTheInboundLimitIsResourceExhausted() {
        ScaledObjectRef huge = keda.ref("orders", Map.of("blob", "x".repeat(5 << 20)));

        Status status = statusOf(() -> keda.getMetrics(huge, "orders", Optional.empty()));

        assertThat(status.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void triggerKeysTheBindingDoesNotAllowAreIgnored() {
        ScaledObjectRef ref = keda.ref("orders", Map.of("target", "not-a-number", "activation", "-1",
                "enableTLS", "false", "unsafeSsl", "true", "query", "DROP TABLE x"));

        assertThat(keda.poll(ref, Optional.empty())).isEqualTo(new KedaClient.Poll("orders", 10.0, 10, 3.0, 3, false));
    }

    @Test
    void metricNameOtherThanTheSpecsIsNotFound() {
        Status status = statusOf(() -> keda.getMetrics(keda.ref("orders"), "s0-orders", Optional.empty()));

        assertThat(status.getCode()).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(status.getDescription()).contains("'s0-orders'", "orders");
    }

    @Test
    void alreadyExpiredDeadlineFailsAtOnceWithDeadlineExceeded() {
        GetMetricsRequest request = GetMetricsRequest.newBuilder()
                .setScaledObjectRef(keda.ref("orders")).setMetricName("orders").build();
        ExternalScalerGrpc.ExternalScalerBlockingStub stub = ExternalScalerGrpc.newBlockingStub(channel);

        long started = System.nanoTime();
        Status expired = statusOf(() -> stub.withDeadline(Deadline.after(-1, TimeUnit.SECONDS)).getMetrics(request));
        Status nanosecond = statusOf(() -> stub.withDeadlineAfter(1, TimeUnit.NANOSECONDS).getMetrics(request));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(expired.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(nanosecond.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(tookMillis).isLessThan(2_000);
    }

    @Test
    void answerNeverWaitsPastTheCallersDeadlineWhileAMeasurementHangs() {
        long started = System.nanoTime();
        Status status = statusOf(() -> keda.getMetrics(keda.ref("hung"), "hung", Optional.of(Duration.ofMillis(300))));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(status.getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(tookMillis).isBetween(250L, 1_500L);
    }

    @Test
    void withoutDeadlineTheTimeoutBoundsTheWaitAndNoValueIsUnavailable() {
        ScaledObjectRef ref = keda.ref("stuck");

        long started = System.nanoTime();
        Status metrics = statusOf(() -> keda.getMetrics(ref, "stuck", Optional.empty()));
        Status active = statusOf(() -> keda.isActive(ref, Optional.empty()));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        for (Status status : new Status[] {metrics, active}) {
            assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(status.getDescription()).contains("stuck-source", "no value measured yet");
        }
        assertThat(tookMillis).isLessThan(2 * SteeredSetup.TIMEOUT.toMillis() + 1_500);
    }
}
