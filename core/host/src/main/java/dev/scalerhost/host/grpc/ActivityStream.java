package dev.scalerhost.host.grpc;

import dev.scalerhost.host.engine.Subscription;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.ScaledObjectRef;
import dev.scalerhost.spi.Reading;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One {@code StreamIsActive} stream: the current state once it is known, then only
 * inactive-to-active transitions, because KEDA acts on {@code true} alone and every repeated
 * {@code true} postpones scale-to-zero.
 */
final class ActivityStream implements OpenStreams.Completable {

    private final ServerCallStreamObserver<IsActiveResponse> out;
    private final ScaledObjectRef request;
    private double activation;
    private Subscription subscription;
    private Boolean active;
    private boolean closed;

    ActivityStream(ServerCallStreamObserver<IsActiveResponse> out, ScaledObjectRef request) {
        this.out = out;
        this.request = request;
    }

    /** The trigger as the stream was opened, to resolve it again after a configuration reload. */
    ScaledObjectRef request() {
        return request;
    }

    /**
     * Listens through {@code subscription} with {@code activation} from now on, closing the previous
     * subscription (an engine replaced by a reload); the last state is kept, so a value that is still
     * active sends nothing. Closes {@code subscription} at once if the stream already ended.
     */
    synchronized void follow(double activation, Subscription subscription) {
        if (closed) {
            subscription.close();
            return;
        }
        if (this.subscription != null) {
            this.subscription.close();
        }
        this.activation = activation;
        this.subscription = subscription;
    }

    /** A value known when the stream opened; ignored if a newer one arrived first. */
    synchronized void initial(Reading.Value value) {
        if (active == null) {
            onValue(value);
        }
    }

    /** A new value from the engine. */
    synchronized void onValue(Reading.Value value) {
        if (closed) {
            return;
        }
        boolean now = value.activationValue() > activation;
        Boolean before = active;
        active = now;
        if (before == null || (now && !before)) {
            try {
                out.onNext(now ? Replies.ACTIVE : Replies.INACTIVE);
            } catch (RuntimeException callGone) {
                cancelled();
            }
        }
    }

    /** The client went away: stop listening. */
    synchronized void cancelled() {
        closed = true;
        if (subscription != null) {
            subscription.close();
        }
    }

    /** The trigger no longer resolves after a reload: stop listening and end the stream with {@code error}. */
    synchronized void fail(StatusRuntimeException error) {
        if (closed) {
            return;
        }
        cancelled();
        try {
            out.onError(error);
        } catch (RuntimeException callGone) {
            // The client cancelled at the same moment; nothing left to end.
        }
    }

    /** Server shutdown: stop listening and end the stream with OK. */
    @Override
    public synchronized void complete() {
        if (closed) {
            return;
        }
        cancelled();
        try {
            out.onCompleted();
        } catch (RuntimeException callGone) {
            // The client cancelled at the same moment; nothing left to end.
        }
    }
}
