package dev.scalerhost.it.harness;

import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The messages of one server-streaming call, as they arrive. {@link #close()} cancels the call as
 * KEDA does when a ScaledObject goes away.
 */
public final class ResponseStream<T> implements AutoCloseable {

    private final BlockingQueue<T> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Status> ended = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<?> call;

    ResponseStream() {
    }

    /** The observer to pass to the async stub; each message is turned into a {@code T} by {@code mapper}. */
    <Q, M> ClientResponseObserver<Q, M> observer(Function<M, T> mapper) {
        return new ClientResponseObserver<>() {
            @Override
            public void beforeStart(ClientCallStreamObserver<Q> requestStream) {
                call = requestStream;
            }

            @Override
            public void onNext(M message) {
                received.add(mapper.apply(message));
            }

            @Override
            public void onError(Throwable t) {
                ended.complete(Status.fromThrowable(t));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        };
    }

    /** The next message; fails if none arrives within {@code timeout}, saying whether the stream ended. */
    public T next(Duration timeout) {
        return poll(timeout).orElseThrow(() -> new AssertionError("no message within " + timeout
                + (ended.isDone() ? "; the stream ended with " + ended.join() : "; the stream is still open")));
    }

    /** The next message, or empty if none arrives within {@code timeout}. */
    public Optional<T> poll(Duration timeout) {
        try {
            return Optional.ofNullable(received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a stream message", e);
        }
    }

    /** Every message received and not yet taken. */
    public List<T> drain() {
        List<T> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    public boolean hasEnded() {
        return ended.isDone();
    }

    /** How the server ended the stream ({@code OK} for a clean end); fails if it is still open after {@code timeout}. */
    public Status awaitEnd(Duration timeout) {
        try {
            return ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the stream was still open after " + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stream to end", e);
        }
    }

    /** Cancels the call, as a client that goes away does. */
    @Override
    public void close() {
        ClientCallStreamObserver<?> current = call;
        if (current != null && !ended.isDone()) {
            current.cancel("client closed the stream", null);
        }
    }
}
