package dev.scalerhost.it.market;

import static dev.scalerhost.it.market.PipelineSetup.MAX_STALENESS;
import static dev.scalerhost.it.market.PipelineSetup.REFRESH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scalerhost.it.harness.KedaClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Prometheus goes away under the running distribution and comes back: the last value is served
 * until {@code maxStaleness}, then KEDA gets {@code UNAVAILABLE} (never 0), the composite names
 * its failing part, the sidecar variant keeps reading the endpoint, and values return once
 * Prometheus scrapes again, without restarting the host.
 */
class PrometheusOutageIT {

    private static final String DEPTH = "pipeline-queue-depth";
    private static final String PRESSURE = "pipeline-pressure";

    private static PipelineSetup pipeline;

    @BeforeAll
    static void start() throws Exception {
        pipeline = PipelineSetup.start("prometheus-outage");
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void lastValueServesUntilMaxStalenessThenUnavailableNeverZeroAndValuesReturnWithoutRestartingTheHost() throws Exception {
        pipeline.gauges(4200, 1);
        pipeline.awaitValue(DEPTH, 4200);
        pipeline.awaitValue(PRESSURE, 4200);

        pipeline.prometheus.stop();
        long stoppedAt = System.nanoTime();
        List<Double> served = new ArrayList<>();
        Status unavailable = pollUntilUnavailable(DEPTH, served, MAX_STALENESS.plusSeconds(10));
        Duration servedFor = Duration.ofNanos(System.nanoTime() - stoppedAt);

        assertThat(served).as("served from memory meanwhile, never 0").isNotEmpty().containsOnly(4200.0);
        assertThat(servedFor).as("the last good value is served until it is maxStaleness old")
                .isGreaterThanOrEqualTo(MAX_STALENESS.minus(REFRESH).minusMillis(500));
        assertThat(unavailable.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(unavailable.getDescription()).startsWith("serviceType 'pipeline-queue-depth' (source 'prometheus'): ")
                .contains("older than maxStaleness 4s");

        Status composite = statusOf(() -> pipeline.keda.getMetrics(pipeline.keda.ref(PRESSURE), PRESSURE,
                Optional.of(KedaClient.HPA_DEADLINE)));
        assertThat(composite.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(composite.getDescription()).startsWith("serviceType 'pipeline-pressure' (composite "
                + "max(pipeline-queue-depth, 2500*pipeline-backpressure)): part 'pipeline-queue-depth' has no usable value");
        assertThat(statusOf(() -> pipeline.keda.isActive(pipeline.keda.ref(PRESSURE), Optional.empty())).getCode())
                .isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(pipeline.keda.getMetricSpec(pipeline.keda.ref(PRESSURE), Optional.empty()).getMetricSpecs(0)
                .getTargetSizeFloat()).as("GetMetricSpec answers from config, so KEDA's fallback counts").isEqualTo(5000);

        JsonNode status = new ObjectMapper().readTree(pipeline.host.http("/status").body());
        assertThat(status.get("serviceTypes").get(DEPTH).get("value").asDouble()).as("last good value").isEqualTo(4200);
        assertThat(status.get("serviceTypes").get(DEPTH).get("lastError").isNull()).isFalse();
        assertThat(status.get("serviceTypes").get(PRESSURE).get("composite").get("parts").get(DEPTH)
                .get("usable").asBoolean()).isFalse();

        pipeline.gauges(5100, 0);
        pipeline.awaitValue("pipeline-queue-depth-local", 5100);
        assertThat(pipeline.awaitValue("pipeline-pressure-local", 5100).active())
                .as("the sidecar variant needs no Prometheus").isTrue();

        pipeline.gauges(6100, 0);
        pipeline.prometheus.start();
        List<Double> recovering = new ArrayList<>();
        awaitRecovery(DEPTH, 6100, recovering, Duration.ofSeconds(30));
        assertThat(recovering).as("values while Prometheus catches up: old or new, never 0").isSubsetOf(4200.0, 6100.0);
        assertThat(pipeline.awaitValue(PRESSURE, 6100).active()).isTrue();
        assertThat(pipeline.host.isAlive()).isTrue();
        assertThat(pipeline.host.log()).contains("serviceType 'pipeline-queue-depth' (source 'prometheus') measures again");
    }

    /** Polls as KEDA does until a call fails, collecting the values served meanwhile; fails after {@code limit}. */
    private static Status pollUntilUnavailable(String serviceType, List<Double> served, Duration limit)
            throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - until < 0) {
            try {
                served.add(pipeline.keda.poll(serviceType).value());
            } catch (StatusRuntimeException e) {
                return e.getStatus();
            }
            Thread.sleep(100);
        }
        throw pipeline.host.failure(serviceType + " was still served " + limit + " after Prometheus stopped: " + served);
    }

    /** Polls until {@code expected} is served; UNAVAILABLE meanwhile is expected, any other failure is not. */
    private static void awaitRecovery(String serviceType, double expected, List<Double> seen, Duration limit)
            throws InterruptedException {
        long until = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() - until < 0) {
            try {
                double value = pipeline.keda.poll(serviceType).value();
                seen.add(value);
                if (value == expected) {
                    return;
                }
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).as("while recovering: %s", e.getStatus())
                        .isEqualTo(Status.Code.UNAVAILABLE);
            }
            Thread.sleep(200);
        }
        throw pipeline.host.failure(serviceType + " did not return to " + expected + " within " + limit
                + " of Prometheus restarting; served meanwhile: " + seen);
    }

    private static Status statusOf(ThrowingCallable call) {
        List<Status> status = new ArrayList<>(1);
        assertThatThrownBy(call).isInstanceOfSatisfying(StatusRuntimeException.class, e -> status.add(e.getStatus()));
        return status.get(0);
    }
}
