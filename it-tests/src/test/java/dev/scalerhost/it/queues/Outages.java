package dev.scalerhost.it.queues;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.KedaClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Polling through an outage as KEDA does: what is served meanwhile, and when it turns UNAVAILABLE. */
final class Outages {

    /** What the host answered from the moment the server stopped until the first failure. */
    record Outage(List<Double> served, Duration servedFor, Status failure) {

        /**
         * Asserts what KEDA saw: {@code last} served from memory (never 0) until about maxStaleness,
         * then UNAVAILABLE naming the serviceType, its source and {@code server}.
         */
        void assertStaleThenUnavailable(double last, String serviceType, String source, String server) {
            assertThat(served).as("served from memory meanwhile, never 0").isNotEmpty().containsOnly(last);
            assertThat(servedFor).isGreaterThanOrEqualTo(
                    QueuesSetup.MAX_STALENESS.minus(QueuesSetup.REFRESH).minusMillis(500));
            assertThat(failure.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(failure.getDescription())
                    .startsWith("serviceType '" + serviceType + "' (source '" + source + "'): ").contains(server);
        }
    }

    private Outages() {
    }

    static Outage pollUntilUnavailable(QueuesHost queues, String serviceType, Duration limit)
            throws InterruptedException {
        KedaClient keda = queues.keda();
        long stoppedAt = System.nanoTime();
        long until = stoppedAt + limit.toNanos();
        List<Double> served = new ArrayList<>();
        while (System.nanoTime() - until < 0) {
            try {
                served.add(keda.poll(serviceType).value());
            } catch (StatusRuntimeException e) {
                return new Outage(served, Duration.ofNanos(System.nanoTime() - stoppedAt), e.getStatus());
            }
            Thread.sleep(100);
        }
        throw queues.process().failure(serviceType + " was still served " + limit + " after its server stopped: " + served);
    }

    /** Polls until {@code expected} is served; UNAVAILABLE meanwhile is expected, any other failure is not. */
    static List<Double> awaitRecovery(QueuesHost queues, String serviceType, double expected, Duration limit)
            throws InterruptedException {
        KedaClient keda = queues.keda();
        long until = System.nanoTime() + limit.toNanos();
        List<Double> seen = new ArrayList<>();
        while (System.nanoTime() - until < 0) {
            try {
                double value = keda.poll(serviceType).value();
                seen.add(value);
                if (value == expected) {
                    return seen;
                }
            } catch (StatusRuntimeException e) {
                assertThat(e.getStatus().getCode()).as("while recovering: %s", e.getStatus())
                        .isEqualTo(Status.Code.UNAVAILABLE);
            }
            Thread.sleep(200);
        }
        throw queues.process().failure(serviceType + " did not return to " + expected + " within " + limit
                + " of its server restarting; served meanwhile: " + seen);
    }
}
