package dev.scalerhost.plugin.support.http;

import dev.scalerhost.spi.Deadline;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for requests of {@link HttpFetcher}, never past the measurement deadline. */
public final class Answers {

    private Answers() {
    }

    /**
     * The answer to {@code request}, sent to {@code target} over TLS or not, once it comes within the
     * deadline; a request still running then is cancelled.
     *
     * @throws RequestFailedException if there is no answer in time, saying why
     */
    public static <T> HttpResponse<T> await(CompletableFuture<HttpResponse<T>> request, Deadline deadline,
            String target, boolean overTls) throws RequestFailedException {
        try {
            return request.get(Math.max(1, deadline.remainingMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            request.cancel(true);
            throw new RequestFailedException(
                    new RequestFailure("timeout", target + " did not answer before the measurement deadline"));
        } catch (InterruptedException e) {
            request.cancel(true);
            Thread.currentThread().interrupt();
            throw new RequestFailedException(
                    new RequestFailure("interrupted", "the request to " + target + " was interrupted"));
        } catch (ExecutionException | CancellationException e) {
            throw new RequestFailedException(RequestFailure.of(e, target, overTls));
        }
    }

    /**
     * Waits until every future is done or the deadline passes, whichever comes first; the caller
     * then reads what is done and treats the rest as unanswered.
     */
    public static void awaitAll(Collection<? extends CompletableFuture<?>> futures, Deadline deadline)
            throws InterruptedException {
        CompletableFuture<Void> all = CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
        try {
            all.get(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException doneOrExpired) {
            // each future is read on its own afterwards; one that failed or is still running fails only its metrics
        }
    }
}
