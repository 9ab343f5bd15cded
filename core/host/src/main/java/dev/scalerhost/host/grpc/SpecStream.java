package dev.scalerhost.host.grpc;

import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One {@code StreamMetricSpec} stream: the specs at once, then again whenever a published
 * catalog changes them for this trigger, so {@code GetMetricSpec} and the stream always agree.
 */
final class SpecStream implements OpenStreams.Completable {

    private final ServerCallStreamObserver<GetMetricSpecResponse> out;
    private final ScaledObjectRef request;
    private final TriggerResolver resolver;
    private GetMetricSpecResponse sent;
    private boolean closed;

    SpecStream(ServerCallStreamObserver<GetMetricSpecResponse> out, ScaledObjectRef request, TriggerResolver resolver) {
        this.out = out;
        this.request = request;
        this.resolver = resolver;
    }

    /**
     * Sends the specs under {@code catalog} if they differ from the last sent; ends the stream with
     * the error if the trigger no longer resolves. Returns whether the stream is still open.
     */
    synchronized boolean publish(ServiceCatalog catalog) {
        if (closed) {
            return false;
        }
        try {
            GetMetricSpecResponse specs = Replies.specs(resolver.resolve(catalog, request));
            if (!specs.equals(sent)) {
                sent = specs;
                out.onNext(specs);
            }
            return true;
        } catch (StatusRuntimeException noLongerValid) {
            closed = true;
            out.onError(noLongerValid);
            return false;
        } catch (RuntimeException callGone) {
            closed = true;
            return false;
        }
    }

    synchronized void cancelled() {
        closed = true;
    }

    @Override
    public synchronized void complete() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            out.onCompleted();
        } catch (RuntimeException callGone) {
            // The client cancelled at the same moment; nothing left to end.
        }
    }
}
