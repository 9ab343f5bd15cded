package dev.scalerhost.it.host;

import static org.awaitility.Awaitility.await;

import dev.scalerhost.it.harness.KedaClient;
import java.time.Duration;
import java.util.function.Predicate;

/** Waiting for the host to measure what a test steered. */
final class Polls {

    private Polls() {
    }

    /** Polls as KEDA does until {@code condition} holds, tolerating failed polls meanwhile; returns that poll. */
    static KedaClient.Poll awaitPoll(KedaClient keda, String serviceType, Predicate<KedaClient.Poll> condition) {
        return await("a poll of " + serviceType).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions()
                .until(() -> keda.poll(serviceType), condition);
    }
}
