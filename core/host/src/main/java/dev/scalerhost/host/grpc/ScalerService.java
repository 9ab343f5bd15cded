package dev.scalerhost.host.grpc;

import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.engine.SafeText;
import dev.scalerhost.host.status.IgnoredMetadataStatus;
import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.ScaledObjectRef;
import dev.scalerhost.spi.Reading;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * KEDA's {@code ExternalScaler} service. {@code GetMetricSpec} answers from configuration alone, so
 * it succeeds while a backend is down and KEDA's fallback can count the failures of
 * {@code GetMetrics} / {@code IsActive}, which answer from the engine's memory.
 */
public final class ScalerService extends ExternalScalerGrpc.ExternalScalerImplBase {

    /** The label for RPCs whose serviceType is not configured, to bound label cardinality. */
    public static final String UNKNOWN_LABEL = "unknown";

    private static final Duration NO_DEADLINE = Duration.ofDays(365);

    /** What is answered: swapped whole, so a call never sees one configuration's catalog with another's engine. */
    private record EngineAndCatalog(MeasurementEngine engine, ServiceCatalog catalog) {
    }

    private final TriggerResolver resolver = new TriggerResolver();
    private final OpenStreams<ActivityStream> activityStreams = new OpenStreams<>();
    private final OpenStreams<SpecStream> specStreams = new OpenStreams<>();
    private volatile EngineAndCatalog current;

    public ScalerService(MeasurementEngine engine, ServiceCatalog catalog) {
        this.current = new EngineAndCatalog(Objects.requireNonNull(engine, "engine"),
                Objects.requireNonNull(catalog, "catalog"));
    }

    /**
     * Answers from {@code engine} and {@code catalog} from now on, e.g. after a configuration reload.
     * Calls already running finish on the engine they started with (close it only after they are
     * done). Every open {@code StreamIsActive} whose trigger still resolves follows the new engine,
     * keeping its last state so that only real inactive-to-active transitions are sent; the others
     * end with NOT_FOUND. Open {@code StreamMetricSpec}s get the changed specs.
     */
    public synchronized void swap(MeasurementEngine engine, ServiceCatalog catalog) {
        EngineAndCatalog next = new EngineAndCatalog(Objects.requireNonNull(engine, "engine"),
                Objects.requireNonNull(catalog, "catalog"));
        current = next;
        activityStreams.forEach(stream -> {
            try {
                Trigger trigger = resolver.resolve(catalog, stream.request());
                if (!engine.measures(trigger.serviceType())) {
                    throw notMeasured(trigger);
                }
                stream.follow(trigger.activation(), engine.subscribe(trigger.serviceType(), stream::onValue));
            } catch (StatusRuntimeException gone) {
                stream.fail(gone);
                activityStreams.remove(stream);
            }
        });
        publishSpecs(catalog);
    }

    /** ScaledObjects whose trigger metadata sets a target or activation that their serviceType does not allow. */
    public List<IgnoredMetadataStatus> ignoredMetadata() {
        return resolver.ignoredMetadata();
    }

    private void publishSpecs(ServiceCatalog next) {
        specStreams.forEach(stream -> {
            if (!stream.publish(next)) {
                specStreams.remove(stream);
            }
        });
    }

    /** The configured serviceType that {@code serviceType} names (any case), or {@value #UNKNOWN_LABEL}. */
    public String serviceTypeLabel(String serviceType) {
        var config = current.catalog().find(serviceType);
        return config == null ? UNKNOWN_LABEL : config.serviceType();
    }

    /** Streams currently open, both kinds. */
    public int openStreams() {
        return activityStreams.size() + specStreams.size();
    }

    /** Refuses new streams and ends every open one with OK; part of a graceful shutdown. */
    public void completeStreams() {
        activityStreams.completeAll();
        specStreams.completeAll();
    }

    @Override
    public void getMetricSpec(ScaledObjectRef request, StreamObserver<GetMetricSpecResponse> out) {
        Trigger trigger = resolve(current.catalog(), request, out);
        if (trigger != null) {
            out.onNext(Replies.specs(trigger));
            out.onCompleted();
        }
    }

    @Override
    public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> out) {
        EngineAndCatalog now = current;
        Trigger trigger = resolve(now.catalog(), request.getScaledObjectRef(), out);
        if (trigger == null) {
            return;
        }
        if (!request.getMetricName().equalsIgnoreCase(trigger.serviceType())) {
            out.onError(Status.NOT_FOUND.withDescription("metricName '" + SafeText.clip(request.getMetricName(), 64)
                    + "' is not the metric of serviceType '" + trigger.serviceType()
                    + "'; use the name GetMetricSpec returns: " + trigger.serviceType()).asRuntimeException());
            return;
        }
        answer(now.engine(), trigger, out, value -> Replies.value(trigger, value));
    }

    @Override
    public void isActive(ScaledObjectRef request, StreamObserver<IsActiveResponse> out) {
        EngineAndCatalog now = current;
        Trigger trigger = resolve(now.catalog(), request, out);
        if (trigger != null) {
            answer(now.engine(), trigger, out, value -> Replies.activity(trigger, value));
        }
    }

    @Override
    public void streamIsActive(ScaledObjectRef request, StreamObserver<IsActiveResponse> responseObserver) {
        var out = (ServerCallStreamObserver<IsActiveResponse>) responseObserver;
        ActivityStream stream = new ActivityStream(out, request);
        EngineAndCatalog now;
        Trigger trigger;
        // Registered and subscribed under the lock swap holds: a stream opening during a reload is
        // either among those swap moves to the new engine, or subscribes to the new engine itself.
        synchronized (this) {
            now = current;
            trigger = resolve(now.catalog(), request, out);
            if (trigger == null) {
                return;
            }
            if (!now.engine().measures(trigger.serviceType())) {
                out.onError(notMeasured(trigger));
                return;
            }
            out.setOnCancelHandler(() -> {
                stream.cancelled();
                activityStreams.remove(stream);
            });
            if (!activityStreams.add(stream)) {
                stream.complete();
                return;
            }
            stream.follow(trigger.activation(), now.engine().subscribe(trigger.serviceType(), stream::onValue));
        }
        MeasurementEngine engine = now.engine();
        engine.current(trigger.serviceType()).ifPresentOrElse(stream::initial,
                () -> engine.read(trigger.serviceType(), NO_DEADLINE).thenAccept(stream::initial));
    }

    @Override
    public void streamMetricSpec(ScaledObjectRef request, StreamObserver<GetMetricSpecResponse> responseObserver) {
        var out = (ServerCallStreamObserver<GetMetricSpecResponse>) responseObserver;
        if (resolve(current.catalog(), request, out) == null) {
            return;
        }
        SpecStream stream = new SpecStream(out, request, resolver);
        out.setOnCancelHandler(() -> {
            stream.cancelled();
            specStreams.remove(stream);
        });
        if (!specStreams.add(stream)) {
            stream.complete();
            return;
        }
        if (!stream.publish(current.catalog())) {
            specStreams.remove(stream);
        }
    }

    /** Reads the trigger's value and answers with {@code reply}, or with the failure's status. */
    private static <T> void answer(MeasurementEngine engine, Trigger trigger, StreamObserver<T> out,
            Function<Reading.Value, T> reply) {
        Deadline deadline = Context.current().getDeadline();
        Duration budget = deadline == null ? NO_DEADLINE : Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS));
        try {
            engine.read(trigger.serviceType(), budget).whenComplete((value, error) -> {
                if (error != null) {
                    out.onError(Replies.failure(error, deadline));
                } else {
                    out.onNext(reply.apply(value));
                    out.onCompleted();
                }
            });
        } catch (IllegalArgumentException notMeasured) {
            out.onError(notMeasured(trigger));
        }
    }

    private Trigger resolve(ServiceCatalog catalog, ScaledObjectRef request, StreamObserver<?> out) {
        try {
            return resolver.resolve(catalog, request);
        } catch (StatusRuntimeException invalid) {
            out.onError(invalid);
            return null;
        }
    }

    private static StatusRuntimeException notMeasured(Trigger trigger) {
        return Status.NOT_FOUND.withDescription("serviceType '" + trigger.serviceType()
                + "' is configured but not measured by this host's engine; check the host's log for a "
                + "configuration reload that failed").asRuntimeException();
    }
}
