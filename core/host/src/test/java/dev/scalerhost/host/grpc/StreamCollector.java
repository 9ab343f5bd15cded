package dev.scalerhost.host.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects one server stream's messages and how it ended. */
final class StreamCollector<T> implements ClientResponseObserver<ScaledObjectRef, T> {

    final CompletableFuture<Status> end = new CompletableFuture<>();
    private final BlockingQueue<T> messages = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<ScaledObjectRef> call;

    @Override
    public void beforeStart(ClientCallStreamObserver<ScaledObjectRef> requestStream) {
        call = requestStream;
    }

    @Override
    public void onNext(T message) {
        messages.add(message);
    }

    @Override
    public void onError(Throwable error) {
        end.complete(Status.fromThrowable(error));
    }

    @Override
    public void onCompleted() {
        end.complete(Status.OK);
    }

    T next() throws InterruptedException {
        T message = messages.poll(5, TimeUnit.SECONDS);
        assertThat(message).as("a message within 5 s").isNotNull();
        return message;
    }

    void assertNothingFor(Duration quiet) throws InterruptedException {
        assertThat(messages.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)).as("no message").isNull();
    }

    void cancel() {
        call.cancel("test done", null);
    }
}
