package dev.scalerhost.host.grpc;

import dev.scalerhost.host.metrics.Count;
import dev.scalerhost.host.metrics.Distribution;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;

/**
 * Counts every RPC by method, serviceType and status code ({@code scalerhost_rpc_requests_total})
 * and times unary RPCs by method ({@code scalerhost_rpc_seconds}).
 *
 * <p>On the hot path it only looks up cached {@link Count} and {@link Distribution} objects: no label
 * strings are built per call. The serviceType label is the configured name or
 * {@value ScalerService#UNKNOWN_LABEL}, {@value #NO_SERVICE_TYPE} for calls without one, so a
 * client cannot create label values at will.
 */
public final class RpcMetricsInterceptor implements ServerInterceptor {

    static final String NO_SERVICE_TYPE = "none";
    private static final Status.Code[] CODES = Status.Code.values();

    private final HostMetrics metrics;
    private final UnaryOperator<String> serviceTypeLabel;
    private final ConcurrentHashMap<String, MethodMetrics> methods = new ConcurrentHashMap<>();

    /**
     * @param metrics          where the counters and timers live
     * @param serviceTypeLabel maps a request's serviceType to a bounded label value, e.g.
     *                         {@link ScalerService#serviceTypeLabel}
     */
    public RpcMetricsInterceptor(HostMetrics metrics, UnaryOperator<String> serviceTypeLabel) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.serviceTypeLabel = Objects.requireNonNull(serviceTypeLabel, "serviceTypeLabel");
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> method = call.getMethodDescriptor();
        MethodMetrics methodMetrics = methods.get(method.getFullMethodName());
        if (methodMetrics == null) {
            methodMetrics = methods.computeIfAbsent(method.getFullMethodName(), name -> new MethodMetrics(method));
        }
        Recorder<Q, R> recorder = new Recorder<>(call, methodMetrics);
        return new SimpleForwardingServerCallListener<>(next.startCall(recorder, headers)) {
            @Override
            public void onMessage(Q message) {
                recorder.label = labelOf(message);
                super.onMessage(message);
            }

            @Override
            public void onCancel() {
                recorder.record(Status.Code.CANCELLED);
                super.onCancel();
            }
        };
    }

    private String labelOf(Object message) {
        ScaledObjectRef ref;
        if (message instanceof ScaledObjectRef direct) {
            ref = direct;
        } else if (message instanceof GetMetricsRequest request) {
            ref = request.getScaledObjectRef();
        } else {
            return NO_SERVICE_TYPE;
        }
        String serviceType = ref.getScalerMetadataOrDefault(TriggerResolver.SERVICE_TYPE, null);
        return serviceType == null || serviceType.isBlank() ? NO_SERVICE_TYPE : serviceTypeLabel.apply(serviceType);
    }

    /** One method's metrics; counters per serviceType label and code are created on first use. */
    private final class MethodMetrics {
        private final String name;
        private final Distribution latency;
        private final ConcurrentHashMap<String, Count[]> counters = new ConcurrentHashMap<>();

        MethodMetrics(MethodDescriptor<?, ?> method) {
            this.name = method.getBareMethodName() == null ? method.getFullMethodName() : method.getBareMethodName();
            this.latency = method.getType() == MethodDescriptor.MethodType.UNARY
                    ? metrics.rpcSeconds(name)
                    : null;
        }

        void record(String label, Status.Code code, long startNanos) {
            if (latency != null) {
                latency.observeNanos(System.nanoTime() - startNanos);
            }
            Count[] byCode = counters.get(label);
            if (byCode == null) {
                byCode = counters.computeIfAbsent(label, l -> new Count[CODES.length]);
            }
            Count counter = byCode[code.ordinal()];
            if (counter == null) {
                // A benign race: every thread's Count adds to the same series.
                counter = metrics.rpcRequest(name, label, code.name());
                byCode[code.ordinal()] = counter;
            }
            counter.inc();
        }
    }

    /** Records the call once, at close or at cancellation, whichever comes first. */
    private static final class Recorder<Q, R> extends SimpleForwardingServerCall<Q, R> {
        private final MethodMetrics metrics;
        private final long startNanos = System.nanoTime();
        private final AtomicBoolean recorded = new AtomicBoolean();
        private volatile String label = NO_SERVICE_TYPE;

        Recorder(ServerCall<Q, R> call, MethodMetrics metrics) {
            super(call);
            this.metrics = metrics;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            record(status.getCode());
            super.close(status, trailers);
        }

        void record(Status.Code code) {
            if (recorded.compareAndSet(false, true)) {
                metrics.record(label, code, startNanos);
            }
        }
    }
}
