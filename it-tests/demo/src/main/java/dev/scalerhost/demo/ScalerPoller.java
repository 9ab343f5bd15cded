package dev.scalerhost.demo;

import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.ExternalScalerGrpc.ExternalScalerBlockingStub;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.MetricSpec;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the host what KEDA asks, the way KEDA asks it: per trigger {@code GetMetricSpec}, then
 * {@code GetMetrics} with the returned metric name, then {@code IsActive}, one after the other, each
 * with the trigger's metadata and the 3 s deadline of KEDA's HPA path. Triggers are polled side by
 * side, as KEDA polls its ScaledObjects, so one slow answer does not hold up the table.
 */
final class ScalerPoller implements AutoCloseable {

    private static final Duration DEADLINE = Duration.ofSeconds(3);

    private static final int PARALLEL_TRIGGERS = 6;
    /** Three calls, each within the deadline, plus room for the queue of triggers. */
    private static final Duration ROUND_LIMIT = DEADLINE.multipliedBy(4);

    private final ManagedChannel channel;
    private final String scalerAddress;
    private final ExecutorService triggers = Executors.newFixedThreadPool(PARALLEL_TRIGGERS, Daemons.named("keda-poll"));

    ScalerPoller(String host, int port) {
        this.channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        this.scalerAddress = host + ":" + port;
    }

    /**
     * Connects and makes one call with a generous deadline, as a KEDA that has been running a while
     * would find its connection: the first calls of a cold client (class loading, connecting) would
     * otherwise spend the 3 s deadline of the first round on things KEDA does once.
     */
    void connect(String serviceType, Duration patience) {
        ScaledObjectRef ref = ScaledObjectRef.newBuilder().setName(serviceType).setNamespace("lakerunner")
                .putScalerMetadata("scalerAddress", scalerAddress).putScalerMetadata("serviceType", serviceType).build();
        try {
            ExternalScalerGrpc.newBlockingStub(channel).withDeadlineAfter(patience.toMillis(), TimeUnit.MILLISECONDS)
                    .getMetricSpec(ref);
        } catch (StatusRuntimeException e) {
            // The table's first round shows the failure, with KEDA's deadline.
        }
    }

    /**
     * One polling round over {@code serviceTypes}; the rows are in their order. After {@link #close()}
     * every row is a failure.
     */
    List<ScalerRow> poll(List<String> serviceTypes) throws InterruptedException {
        List<Future<ScalerRow>> answers = new ArrayList<>(serviceTypes.size());
        try {
            for (String serviceType : serviceTypes) {
                answers.add(triggers.submit(() -> poll(serviceType)));
            }
        } catch (RejectedExecutionException closed) {
            return serviceTypes.stream().map(t -> ScalerRow.failed(t, Optional.empty(), "poller closed")).toList();
        }
        long deadline = System.nanoTime() + ROUND_LIMIT.toNanos();
        List<ScalerRow> rows = new ArrayList<>(serviceTypes.size());
        for (int i = 0; i < answers.size(); i++) {
            String serviceType = serviceTypes.get(i);
            try {
                rows.add(answers.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                rows.add(ScalerRow.failed(serviceType, Optional.empty(), e.getCause().toString()));
            } catch (TimeoutException | CancellationException e) {
                answers.get(i).cancel(true);
                rows.add(ScalerRow.failed(serviceType, Optional.empty(), "no answer within " + ROUND_LIMIT.toSeconds() + " s"));
            }
        }
        return rows;
    }

    // KEDA still reads the deprecated int64 fields when the float ones are not positive; so do we.
    @SuppressWarnings("deprecation")
    private ScalerRow poll(String serviceType) {
        ScaledObjectRef ref = ScaledObjectRef.newBuilder()
                .setName(serviceType)
                .setNamespace("lakerunner")
                .putScalerMetadata("scalerAddress", scalerAddress)
                .putScalerMetadata("serviceType", serviceType)
                .build();
        GetMetricSpecResponse specs;
        try {
            specs = stub().getMetricSpec(ref);
        } catch (StatusRuntimeException e) {
            return ScalerRow.failed(serviceType, Optional.empty(), "GetMetricSpec " + describe(e));
        }
        if (specs.getMetricSpecsCount() != 1) {
            return ScalerRow.failed(serviceType, Optional.empty(),
                    "GetMetricSpec returned " + specs.getMetricSpecsCount() + " specs, expected 1");
        }
        MetricSpec spec = specs.getMetricSpecs(0);
        // As KEDA reads them: the float field when it is positive, else the deprecated int64 one.
        double targetSize = spec.getTargetSizeFloat() > 0 ? spec.getTargetSizeFloat() : spec.getTargetSize();
        Optional<Double> target = Optional.of(targetSize);
        try {
            GetMetricsResponse metrics = stub().getMetrics(GetMetricsRequest.newBuilder()
                    .setScaledObjectRef(ref).setMetricName(spec.getMetricName()).build());
            // KEDA sums every value returned.
            double value = metrics.getMetricValuesList().stream()
                    .mapToDouble(v -> v.getMetricValueFloat() > 0 ? v.getMetricValueFloat() : v.getMetricValue())
                    .sum();
            boolean active = stub().isActive(ref).getResult();
            return ScalerRow.answered(serviceType, value, targetSize, active);
        } catch (StatusRuntimeException e) {
            return ScalerRow.failed(serviceType, target, describe(e));
        }
    }

    private ExternalScalerBlockingStub stub() {
        return ExternalScalerGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String describe(StatusRuntimeException e) {
        String description = Objects.requireNonNullElse(e.getStatus().getDescription(), "");
        return e.getStatus().getCode() + (description.isEmpty() ? "" : ": " + description);
    }

    @Override
    public void close() {
        // Queued rounds never run after shutdownNow; cancelling them releases anyone waiting on them.
        triggers.shutdownNow().forEach(queued -> ((Future<?>) queued).cancel(false));
        channel.shutdownNow();
        try {
            channel.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
