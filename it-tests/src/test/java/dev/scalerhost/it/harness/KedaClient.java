package dev.scalerhost.it.harness;

import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.MetricSpec;
import dev.scalerhost.proto.MetricValue;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Calls the host the way KEDA does (see KEDA-CONTRACT.md): a poll is {@code GetMetricSpec}, then
 * {@code GetMetrics} with the returned metric name, then {@code IsActive}, one after the other,
 * each with KEDA's trigger metadata. KEDA's polling path sets no deadline and its HPA path a 3 s one,
 * so the deadline is optional. A failed call throws grpc's {@code StatusRuntimeException}, whose
 * status a test can inspect.
 */
public final class KedaClient implements AutoCloseable {

    /** KEDA's HPA path budget. */
    public static final Duration HPA_DEADLINE = Duration.ofSeconds(3);

    private final ManagedChannel channel;
    private final String scalerAddress;

    /** A plaintext connection to 127.0.0.1:{@code port}. */
    public static KedaClient connect(int port) {
        return new KedaClient(ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build(),
                "127.0.0.1:" + port);
    }

    /** Over a channel the test built, e.g. with TLS; closing the client shuts the channel down. */
    public KedaClient(ManagedChannel channel, String scalerAddress) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.scalerAddress = Objects.requireNonNull(scalerAddress, "scalerAddress");
    }

    /**
     * Connects now and waits until the connection is up, so that a first call's deadline measures
     * the host and not the client's connection setup (which alone can take seconds on a busy machine).
     */
    public KedaClient awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no connection to " + scalerAddress + " within " + timeout + "; state " + state);
            }
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                changed.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting to " + scalerAddress, e);
            }
            state = channel.getState(true);
        }
        return this;
    }

    /**
     * What one polling round saw.
     *
     * @param metricName  the name GetMetricSpec returned
     * @param target      the spec's {@code targetSizeFloat}
     * @param targetInt   the spec's deprecated {@code targetSize}
     * @param value       GetMetrics' {@code metricValueFloat}
     * @param valueInt    GetMetrics' deprecated {@code metricValue}
     * @param active      IsActive's answer
     */
    public record Poll(String metricName, double target, long targetInt, double value, long valueInt, boolean active) {
    }

    /** The reference KEDA sends for a trigger with {@code serviceType} and no other metadata of ours. */
    public ScaledObjectRef ref(String serviceType) {
        return ref(serviceType, Map.of());
    }

    /** As KEDA sends it: the trigger's metadata includes {@code scalerAddress}, plus any extra keys. */
    public ScaledObjectRef ref(String serviceType, Map<String, String> extraMetadata) {
        return ScaledObjectRef.newBuilder()
                .setName("so-" + serviceType)
                .setNamespace("default")
                .putScalerMetadata("scalerAddress", scalerAddress)
                .putScalerMetadata("serviceType", serviceType)
                .putAllScalerMetadata(extraMetadata)
                .build();
    }

    /** One polling round without a deadline, as KEDA's polling loop calls. */
    public Poll poll(String serviceType) {
        return poll(ref(serviceType), Optional.empty());
    }

    /** One polling round with a deadline on each call, as KEDA's HPA path calls. */
    public Poll poll(String serviceType, Duration deadline) {
        return poll(ref(serviceType), Optional.of(deadline));
    }

    public Poll poll(ScaledObjectRef ref, Optional<Duration> deadline) {
        GetMetricSpecResponse specs = getMetricSpec(ref, deadline);
        if (specs.getMetricSpecsCount() != 1) {
            throw new AssertionError("GetMetricSpec for " + ref.getScalerMetadataMap() + " returned "
                    + specs.getMetricSpecsCount() + " specs, expected exactly 1: " + specs);
        }
        MetricSpec spec = specs.getMetricSpecs(0);
        GetMetricsResponse metrics = getMetrics(ref, spec.getMetricName(), deadline);
        if (metrics.getMetricValuesCount() != 1) {
            throw new AssertionError("GetMetrics(" + spec.getMetricName() + ") returned "
                    + metrics.getMetricValuesCount() + " values, expected exactly 1 (KEDA sums them): " + metrics);
        }
        MetricValue value = metrics.getMetricValues(0);
        boolean active = isActive(ref, deadline).getResult();
        return new Poll(spec.getMetricName(), spec.getTargetSizeFloat(), spec.getTargetSize(),
                value.getMetricValueFloat(), value.getMetricValue(), active);
    }

    public GetMetricSpecResponse getMetricSpec(ScaledObjectRef ref, Optional<Duration> deadline) {
        return stub(deadline).getMetricSpec(ref);
    }

    public GetMetricsResponse getMetrics(ScaledObjectRef ref, String metricName, Optional<Duration> deadline) {
        return stub(deadline).getMetrics(GetMetricsRequest.newBuilder()
                .setScaledObjectRef(ref)
                .setMetricName(metricName)
                .build());
    }

    public IsActiveResponse isActive(ScaledObjectRef ref, Optional<Duration> deadline) {
        return stub(deadline).isActive(ref);
    }

    /** Opens {@code StreamIsActive} as an external-push trigger does; close the stream to cancel it. */
    public ResponseStream<Boolean> openStreamIsActive(String serviceType) {
        ResponseStream<Boolean> stream = new ResponseStream<>();
        ExternalScalerGrpc.newStub(channel).streamIsActive(ref(serviceType),
                stream.<ScaledObjectRef, IsActiveResponse>observer(IsActiveResponse::getResult));
        return stream;
    }

    /** Opens {@code StreamMetricSpec} (KEDA 2.21+); close the stream to cancel it. */
    public ResponseStream<GetMetricSpecResponse> openStreamMetricSpec(String serviceType) {
        ResponseStream<GetMetricSpecResponse> stream = new ResponseStream<>();
        ExternalScalerGrpc.newStub(channel).streamMetricSpec(ref(serviceType),
                stream.<ScaledObjectRef, GetMetricSpecResponse>observer(response -> response));
        return stream;
    }

    private ExternalScalerGrpc.ExternalScalerBlockingStub stub(Optional<Duration> deadline) {
        ExternalScalerGrpc.ExternalScalerBlockingStub stub = ExternalScalerGrpc.newBlockingStub(channel);
        return deadline.map(d -> stub.withDeadlineAfter(d.toNanos(), TimeUnit.NANOSECONDS)).orElse(stub);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
