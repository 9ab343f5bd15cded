package dev.scalerhost.plugin.prometheus;

import dev.scalerhost.spi.Deadline;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for a batch of requests, never past the measurement deadline. */
final class Responses {

    private Responses() {
    }

    /**
     * Waits until every future is done or the deadline passes, whichever comes first; the caller
     * then reads what is done and treats the rest as unanswered.
     */
    static void awaitAll(Collection<? extends CompletableFuture<?>> futures, Deadline deadline)
            throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        try {
            all.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException doneOrExpired) {
            // each future is read on its own afterwards; one that failed or is still running fails only its metrics
        }
    }
}
