package dev.scalerhost.plugin.support.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.spi.Deadline;
import dev.scalerhost.spi.SourceMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class RequestBatchTest {

    private static final URI FIRST = URI.create("http://127.0.0.1:1/a");
    private static final URI SECOND = URI.create("http://127.0.0.1:1/b");

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final RequestBatch<String> batch = new RequestBatch<>(metrics);

    @Test
    void sendsOneRequestPerDistinctUri() throws InterruptedException {
        AtomicInteger sent = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            batch.send(FIRST, uri -> {
                sent.incrementAndGet();
                return CompletableFuture.completedFuture(FetchResult.content("document"));
            });
        }

        Map<URI, FetchResult<String>> results = batch.await(Deadline.after(Duration.ofSeconds(5)), uri -> "late");

        assertThat(sent).hasValue(1);
        assertThat(results).containsExactly(Map.entry(FIRST, FetchResult.content("document")));
        assertThat(metrics.timed).hasValue(1);
        assertThat(metrics.errors).isEmpty();
    }

    @Test
    void failsWhatIsUnansweredAtTheDeadlineAndCountsEveryFailureByCause() throws InterruptedException {
        CompletableFuture<FetchResult<String>> never = new CompletableFuture<>();
        batch.send(FIRST, uri -> never);
        batch.send(SECOND, uri -> CompletableFuture.completedFuture(FetchResult.failed("unauthorized", "refused")));

        Map<URI, FetchResult<String>> results = batch.await(Deadline.after(Duration.ofMillis(50)),
                uri -> uri.getPath() + " did not answer");

        assertThat(results.get(FIRST)).isEqualTo(FetchResult.failed("timeout", "/a did not answer"));
        assertThat(results.get(SECOND)).isEqualTo(FetchResult.failed("unauthorized", "refused"));
        assertThat(metrics.errors).containsExactlyInAnyOrder("timeout", "unauthorized");
    }

    private static final class RecordingMetrics implements SourceMetrics {
        final AtomicInteger timed = new AtomicInteger();
        final List<String> errors = new CopyOnWriteArrayList<>();

        @Override
        public void count(String name, long delta, String... labels) {
            if (name.equals("request_errors_total")) {
                errors.add(labels[1]);
            }
        }

        @Override
        public void time(String name, Duration duration, String... labels) {
            timed.incrementAndGet();
        }

        @Override
        public void gauge(String name, DoubleSupplier value, String... labels) {
        }
    }
}
