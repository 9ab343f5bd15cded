package dev.scalerhost.it.postgres;

import dev.scalerhost.it.harness.KedaClient;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** KEDA polling rounds over several serviceTypes at once. */
final class WorkerPolls {

    private static final long PAUSE_MILLIS = 50;

    private WorkerPolls() {
    }

    /** One polling round per serviceType, in order: what each GetMetrics returned. */
    static Map<String, Double> values(KedaClient client, Collection<String> serviceTypes) {
        Map<String, Double> values = new LinkedHashMap<>();
        serviceTypes.forEach(serviceType -> values.put(serviceType, client.poll(serviceType).value()));
        return values;
    }

    /**
     * Polls until every serviceType reports its {@code expected} value and returns how long that
     * took; fails after {@code within} with what was seen last.
     */
    static Duration await(KedaClient client, Map<String, Double> expected, Duration within) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        Object last;
        do {
            try {
                Map<String, Double> seen = values(client, expected.keySet());
                if (seen.equals(expected)) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
                last = seen;
            } catch (StatusRuntimeException e) {
                last = e.getStatus();
            }
            sleep();
        } while (System.nanoTime() < deadline);
        throw new AssertionError("the serviceTypes did not report " + expected + " within " + within
                + "; last seen: " + last);
    }

    private static void sleep() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        }
    }
}
