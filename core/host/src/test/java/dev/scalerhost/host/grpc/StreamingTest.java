package dev.scalerhost.host.grpc;

import static dev.scalerhost.host.engine.TestServiceTypes.serviceType;
import static dev.scalerhost.host.engine.TestServiceTypes.timing;
import static dev.scalerhost.host.grpc.ScalerHarness.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.Timing;
import dev.scalerhost.host.engine.FakeSource;
import dev.scalerhost.host.engine.MutableClock;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.IsActiveResponse;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StreamingTest {

    private static final Timing TIMING = timing(100, 1000, 60_000);
    private static final ServiceTypeConfig INGEST =
            serviceType("ingest-logs", "kafka", 100, 5, TIMING, Set.of("target", "activation"));

    private final MutableClock clock = new MutableClock();
    private final FakeSource kafka = new FakeSource();
    private ScalerHarness harness;

    @BeforeEach
    void start() throws Exception {
        kafka.set("ingest-logs", 0);
        harness = ScalerHarness.with(clock).source("kafka", kafka).bind(INGEST).start();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
    }

    private StreamCollector<IsActiveResponse> streamIsActive(String... metadata) {
        StreamCollector<IsActiveResponse> stream = new StreamCollector<>();
        harness.async().streamIsActive(ref("ingest-logs", metadata), stream);
        return stream;
    }

    private StreamCollector<GetMetricSpecResponse> streamMetricSpec() {
        StreamCollector<GetMetricSpecResponse> stream = new StreamCollector<>();
        harness.async().streamMetricSpec(ref("ingest-logs"), stream);
        return stream;
    }

    /** Lets the next refresh measure {@code value} and waits until the engine holds it. */
    private void measureNext(double value) {
        kafka.set("ingest-logs", value);
        clock.advance(TIMING.refreshInterval());
        await().atMost(Duration.ofSeconds(5))
                .until(() -> harness.engine.current("ingest-logs").map(v -> v.value() == value).orElse(false));
    }

    @Test
    void streamIsActiveSendsTheCurrentStateAtOnceThenOnlyTransitionsToActive() throws Exception {
        StreamCollector<IsActiveResponse> stream = streamIsActive();
        assertThat(stream.next().getResult()).as("0 > 5").isFalse();

        measureNext(7);
        assertThat(stream.next().getResult()).isTrue();
        measureNext(9);
        measureNext(1);
        stream.assertNothingFor(Duration.ofMillis(300));
        measureNext(8);
        assertThat(stream.next().getResult()).isTrue();
        stream.assertNothingFor(Duration.ofMillis(200));
        assertThat(stream.end).isNotDone();
    }

    @Test
    void streamIsActiveHonoursAnAllowedActivationOverride() throws Exception {
        measureNext(7);
        StreamCollector<IsActiveResponse> stream = streamIsActive("activation", "10");
        assertThat(stream.next().getResult()).as("7 > 10").isFalse();
    }

    @Test
    void streamIsActiveStaysOpenWhileTheSourceIsDownAndSendsTheFirstValue() throws Exception {
        harness.close();
        FakeSource down = new FakeSource().failWith("connection refused");
        harness = ScalerHarness.with(clock).source("kafka", down).bind(INGEST).start();
        StreamCollector<IsActiveResponse> stream = streamIsActive();
        stream.assertNothingFor(Duration.ofMillis(400));
        assertThat(stream.end).isNotDone();

        down.recover().set("ingest-logs", 6);
        clock.advance(TIMING.refreshInterval());
        assertThat(stream.next().getResult()).isTrue();
    }

    @Test
    void streamForAnUnknownServiceTypeEndsWithNotFound() throws Exception {
        StreamCollector<IsActiveResponse> stream = new StreamCollector<>();
        harness.async().streamIsActive(ref("nope"), stream);
        assertThat(stream.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void cancellingStreamsRepeatedlyLeavesNoListenerBehind() throws Exception {
        for (int round = 0; round < 2; round++) {
            List<StreamCollector<IsActiveResponse>> streams = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                streams.add(streamIsActive());
            }
            for (StreamCollector<IsActiveResponse> stream : streams) {
                stream.next();
            }
            assertThat(harness.engine.listenerCount()).isEqualTo(500);
            streams.forEach(StreamCollector::cancel);
            await().atMost(Duration.ofSeconds(10)).until(() -> harness.engine.listenerCount() == 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> harness.service.openStreams() == 0);
        }
    }

    @Test
    void streamMetricSpecSendsTheSpecsAtOnceAndAgainWhenPublishedSpecsChange() throws Exception {
        StreamCollector<GetMetricSpecResponse> stream = streamMetricSpec();
        assertThat(stream.next().getMetricSpecs(0).getTargetSizeFloat()).isEqualTo(100);

        ServiceTypeConfig raised = serviceType("ingest-logs", "kafka", 250, 5, TIMING, Set.of());
        harness.publish(ServiceCatalog.of(List.of(raised)));
        assertThat(stream.next().getMetricSpecs(0).getTargetSizeFloat()).isEqualTo(250);
        assertThat(harness.blocking().getMetricSpec(ref("ingest-logs")).getMetricSpecs(0).getTargetSizeFloat())
                .as("GetMetricSpec agrees with the stream").isEqualTo(250);

        harness.publish(ServiceCatalog.of(List.of(raised)));
        stream.assertNothingFor(Duration.ofMillis(200));

        harness.publish(ServiceCatalog.of(List.of()));
        assertThat(stream.end.get(5, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void serverShutdownEndsOpenStreamsCleanly() throws Exception {
        StreamCollector<IsActiveResponse> activity = streamIsActive();
        StreamCollector<GetMetricSpecResponse> specs = streamMetricSpec();
        activity.next();
        specs.next();

        assertThat(harness.server.shutdown(Duration.ofSeconds(3))).isTrue();
        assertThat(activity.end.get(5, TimeUnit.SECONDS)).isEqualTo(Status.OK);
        assertThat(specs.end.get(5, TimeUnit.SECONDS)).isEqualTo(Status.OK);
        assertThat(harness.engine.listenerCount()).isZero();
    }
}
