package dev.scalerhost.it.host;

import dev.scalerhost.it.harness.KedaClient;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.function.Predicate;

/** Waiting for the host to measure what a test steered. */
final class Polls {

    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private Polls() {
    }

    /**
     * Polls as KEDA does until {@code condition} holds, tolerating failed polls meanwhile; returns that
     * poll. Fails with the last poll or failure after {@link #PATIENCE}.
     */
    static KedaClient.Poll awaitPoll(KedaClient keda, String serviceType, Predicate<KedaClient.Poll> condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        Object last = "nothing";
        while (System.nanoTime() < deadline) {
            try {
                KedaClient.Poll poll = keda.poll(serviceType);
                if (condition.test(poll)) {
                    return poll;
                }
                last = poll;
            } catch (StatusRuntimeException e) {
                last = e.getStatus();
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while polling " + serviceType, e);
            }
        }
        throw new AssertionError("no poll of " + serviceType + " satisfied the condition within " + PATIENCE
                + "; the last gave " + last);
    }
}
