package dev.scalerhost.it.host;

import static dev.scalerhost.it.host.Failures.statusOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.MetricValue;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KEDA's polling sequence against the running distribution: the plugin's value with both numeric
 * fields, activation, the last value while a source throws (until maxStaleness, then UNAVAILABLE,
 * never 0), and one measurement per refresh interval however many callers.
 */
class KedaSequenceIT {

    private static final Logger LOG = LoggerFactory.getLogger(KedaSequenceIT.class);

    private static SteeredSetup setup;
    private static ScalerhostProcess host;
    private static KedaClient keda;

    @BeforeAll
    static void startHost() {
        setup = SteeredSetup.create("keda-sequence");
        setup.steer("orders", "42.4");
        setup.steer("activity", "1");
        setup.steer("flaky", "7");
        setup.steer("burst", "12");
        host = setup.start("keda-sequence", "orders", "activity", "flaky", "burst");
        keda = KedaClient.connect(host.grpcPort());
    }

    @AfterAll
    static void stopHost() {
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

    private static KedaClient.Poll awaitPoll(String serviceType, Predicate<KedaClient.Poll> condition) {
        return Polls.awaitPoll(keda, serviceType, condition);
    }

    @Test
    void pollReturnsThePluginsValueInBothNumericFieldsWithTheConfiguredTarget() {
        KedaClient.Poll polled = awaitPoll("orders", poll -> poll.value() == 42.4);
        KedaClient.Poll hpa = keda.poll("orders", KedaClient.HPA_DEADLINE);

        KedaClient.Poll expected = new KedaClient.Poll("orders", 10.0, 10, 42.4, 42, true);
        assertThat(polled).isEqualTo(expected);
        assertThat(hpa).isEqualTo(expected);
    }

    @Test
    void isActiveOnlyWhenTheValueExceedsTheActivation() {
        assertThat(awaitPoll("activity", poll -> poll.value() == 1).active()).isFalse();

        setup.steer("activity", "5");
        assertThat(awaitPoll("activity", poll -> poll.value() == 5)).isEqualTo(
                new KedaClient.Poll("activity", 10.0, 10, 5.0, 5, false));

        setup.steer("activity", "5.5");
        assertThat(awaitPoll("activity", poll -> poll.value() == 5.5)).isEqualTo(
                new KedaClient.Poll("activity", 10.0, 10, 5.5, 6, true));

        setup.steer("activity", "0");
        assertThat(awaitPoll("activity", poll -> poll.value() == 0)).isEqualTo(
                new KedaClient.Poll("activity", 10.0, 10, 0.0, 0, false));
    }

    @Test
    void servesTheLastValueWhileTheSourceThrowsUntilMaxStalenessThenUnavailableNeverZero() throws Exception {
        awaitPoll("flaky", poll -> poll.value() == 7);
        ScaledObjectRef ref = keda.ref("flaky");

        setup.steer("flaky", "throw");
        long steered = System.nanoTime();
        int served = 0;
        Status unavailable = null;
        Instant unavailableAt = null;
        while (millisSince(steered) < 8_000) {
            try {
                MetricValue value = keda.getMetrics(ref, "flaky", Optional.empty()).getMetricValues(0);
                boolean active = keda.isActive(ref, Optional.empty()).getResult();
                assertThat(value.getMetricValueFloat()).as("value while the source throws").isEqualTo(7.0);
                assertThat(value.getMetricValue()).isEqualTo(7);
                assertThat(active).isTrue();
                served++;
            } catch (StatusRuntimeException e) {
                unavailable = e.getStatus();
                unavailableAt = Instant.now();
                break;
            }
            Thread.sleep(100);
        }

        assertThat(unavailable).as("a failure within 8 s of the source starting to throw").isNotNull();
        assertThat(unavailable.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(unavailable.getDescription()).contains("flaky-source", "steered to throw", "maxStaleness");
        assertThat(served).as("calls answered with the last value while the source threw").isPositive();
        JsonNode status = new ObjectMapper().readTree(host.http("/status").body()).get("serviceTypes").get("flaky");
        assertThat(status.get("value").asDouble()).isEqualTo(7.0);
        assertThat(status.get("lastError").asText()).contains("steered to throw");
        long ageWhenRefused = Duration.between(Instant.parse(status.get("measuredAt").asText()), unavailableAt).toMillis();
        assertThat(ageWhenRefused).as("age of the last good value when the host stopped serving it")
                .isBetween(SteeredSetup.MAX_STALENESS.toMillis() - 100, SteeredSetup.MAX_STALENESS.toMillis() + 1_500);

        Status isActive = statusOf(() -> keda.isActive(ref, Optional.empty()));
        Status metrics = statusOf(() -> keda.getMetrics(ref, "flaky", Optional.empty()));
        assertThat(isActive.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(metrics.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(keda.getMetricSpec(ref, Optional.empty()).getMetricSpecs(0).getTargetSizeFloat())
                .as("GetMetricSpec answers from configuration while the source is down").isEqualTo(10.0);

        setup.steer("flaky", "8");
        assertThat(awaitPoll("flaky", poll -> poll.value() == 8).active()).isTrue();
    }

    @Test
    void aThousandConcurrentCallersCauseOneMeasurementPerRefreshInterval() throws Exception {
        awaitPoll("burst", poll -> poll.value() == 12);
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", host.grpcPort()).usePlaintext().build();
        try {
            ExternalScalerGrpc.ExternalScalerStub stub = ExternalScalerGrpc.newStub(channel);
            GetMetricsRequest request = GetMetricsRequest.newBuilder()
                    .setScaledObjectRef(keda.ref("burst")).setMetricName("burst").build();
            Queue<String> wrong = new ConcurrentLinkedQueue<>();
            AtomicLong answered = new AtomicLong();

            long before = setup.measurements("burst");
            long started = System.nanoTime();
            int rounds = 0;
            while (millisSince(started) < 3_000) {
                CountDownLatch round = new CountDownLatch(1_000);
                for (int caller = 0; caller < 1_000; caller++) {
                    stub.getMetrics(request, new Answer(round, answered, wrong));
                }
                assertThat(round.await(30, TimeUnit.SECONDS)).as("1,000 calls answered within 30 s").isTrue();
                rounds++;
            }
            long elapsed = millisSince(started);
            long measured = setup.measurements("burst") - before;

            LOG.info("{} GetMetrics calls in {} rounds of 1,000 concurrent callers over {} ms: {} plugin measurements",
                    answered.get(), rounds, elapsed, measured);
            assertThat(wrong).as("answers other than 12").isEmpty();
            assertThat(answered.get()).isEqualTo(rounds * 1_000L);
            long intervals = elapsed / SteeredSetup.REFRESH.toMillis();
            assertThat(measured).as("plugin measurements during %d ms with %d calls", elapsed, answered.get())
                    .isBetween(1L, intervals + 2);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }

    /** One caller: counts a correct answer, records anything else. */
    private record Answer(CountDownLatch round, AtomicLong answered, Queue<String> wrong)
            implements StreamObserver<GetMetricsResponse> {

        @Override
        public void onNext(GetMetricsResponse response) {
            MetricValue value = response.getMetricValues(0);
            if (response.getMetricValuesCount() == 1 && value.getMetricValueFloat() == 12.0 && value.getMetricValue() == 12) {
                answered.incrementAndGet();
            } else {
                wrong.add(response.toString());
            }
        }

        @Override
        public void onError(Throwable t) {
            wrong.add(Status.fromThrowable(t).toString());
            round.countDown();
        }

        @Override
        public void onCompleted() {
            round.countDown();
        }
    }
}
