package dev.scalerhost.it.postgres;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.scalerhost.it.harness.KedaClient;
import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.ExternalScalerGrpc.ExternalScalerFutureStub;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Many logical KEDA callers over a few shared gRPC connections, as one KEDA operator talks to a
 * scaler: each caller is one ScaledObject that repeats {@code GetMetricSpec}, {@code GetMetrics}
 * (with the returned name) and {@code IsActive}, back to back, each with KEDA's 3 s HPA deadline.
 * Every caller has one call in flight at a time; calls are asynchronous, so a few threads carry
 * them all. Every answer is checked against what the caller's serviceType must report.
 */
final class KedaLoad {

    /** What every answer for one serviceType must say. */
    record Expected(double target, double value, boolean active) {
    }

    /**
     * One run's figures.
     *
     * @param elapsed      from the first call to the last answer
     * @param rpcs         calls answered, successfully or not
     * @param errors       failed calls and wrong answers, by kind
     * @param errorSamples the first few failures, described
     */
    record Result(int callers, int channels, Duration elapsed, long rpcs, Map<String, Long> errors,
            List<String> errorSamples, long p50Micros, long p99Micros, long maxMicros) {

        double rpcsPerSecond() {
            return rpcs / (elapsed.toNanos() / 1e9);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        @Override
        public String toString() {
            return String.format("%d callers over %d channels for %d ms: %d RPCs (%.0f/s), latency p50 %.2f ms, "
                    + "p99 %.2f ms, max %.2f ms, errors %s", callers, channels, elapsed.toMillis(), rpcs,
                    rpcsPerSecond(), p50Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0, errors);
        }
    }

    private static final int SAMPLES_KEPT = 5;

    private final Map<String, Expected> expected;
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
    private final long endNanos;
    private final CountDownLatch finished;
    private final String scalerAddress;

    private KedaLoad(Map<String, Expected> expected, int callers, Duration duration, String scalerAddress) {
        this.expected = Map.copyOf(expected);
        this.finished = new CountDownLatch(callers);
        this.endNanos = System.nanoTime() + duration.toNanos();
        this.scalerAddress = scalerAddress;
    }

    /**
     * Runs {@code callers} callers over {@code channels} connections to 127.0.0.1:{@code port} for
     * {@code duration}; caller i polls the i-th serviceType of {@code expected}, round robin.
     */
    static Result run(int port, int channels, int callers, Map<String, Expected> expected, Duration duration)
            throws InterruptedException {
        if (channels < 1 || callers < channels || expected.isEmpty()) {
            throw new IllegalArgumentException("need channels >= 1, callers >= channels and serviceTypes, got "
                    + channels + ", " + callers + ", " + expected.keySet());
        }
        List<ManagedChannel> connections = new ArrayList<>(channels);
        for (int i = 0; i < channels; i++) {
            // Callbacks only issue the next call, so they may run on the transport's threads.
            connections.add(ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build());
        }
        try {
            List<String> serviceTypes = List.copyOf(expected.keySet());
            long started = System.nanoTime();
            KedaLoad load = new KedaLoad(expected, callers, duration, "127.0.0.1:" + port);
            List<Caller> all = new ArrayList<>(callers);
            for (int i = 0; i < callers; i++) {
                all.add(load.new Caller(i, serviceTypes.get(i % serviceTypes.size()), connections.get(i % channels)));
            }
            all.forEach(Caller::next);
            Duration grace = KedaClient.HPA_DEADLINE.multipliedBy(3).plus(duration);
            if (!load.finished.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(load.finished.getCount() + " of " + callers + " callers were still waiting for "
                        + "an answer " + grace + " after the start, although every call has a 3 s deadline");
            }
            return load.result(callers, channels, Duration.ofNanos(System.nanoTime() - started), all);
        } finally {
            connections.forEach(ManagedChannel::shutdownNow);
            for (ManagedChannel connection : connections) {
                connection.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private Result result(int callers, int channels, Duration elapsed, List<Caller> all) {
        long[] latencies = all.stream().flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.count)).sorted().toArray();
        Map<String, Long> errorCounts = new TreeMap<>();
        errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
        return new Result(callers, channels, elapsed, latencies.length, errorCounts, List.copyOf(samples),
                percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
    }

    private void error(String kind, String description) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (samples.size() < SAMPLES_KEPT) {
            samples.add(description);
        }
    }

    /** One ScaledObject's polling loop; its fields are touched by one call's callback at a time. */
    private final class Caller {
        private final String serviceType;
        private final Expected wanted;
        private final ScaledObjectRef ref;
        private final ExternalScalerFutureStub stub;
        private long[] latencies = new long[256];
        private int count;

        Caller(int index, String serviceType, ManagedChannel channel) {
            this.serviceType = serviceType;
            this.wanted = Objects.requireNonNull(expected.get(serviceType), serviceType);
            this.ref = ScaledObjectRef.newBuilder()
                    .setName("load-" + index)
                    .setNamespace("load")
                    .putScalerMetadata("scalerAddress", scalerAddress)
                    .putScalerMetadata("serviceType", serviceType)
                    .build();
            this.stub = ExternalScalerGrpc.newFutureStub(channel);
        }

        /** Starts the next polling sequence, or ends this caller once the run's time is up. */
        void next() {
            if (System.nanoTime() - endNanos >= 0) {
                finished.countDown();
                return;
            }
            call("GetMetricSpec", deadlined().getMetricSpec(ref), this::afterSpec);
        }

        private void afterSpec(GetMetricSpecResponse specs) {
            if (specs.getMetricSpecsCount() != 1 || specs.getMetricSpecs(0).getTargetSizeFloat() != wanted.target()) {
                wrong("GetMetricSpec", specs.toString());
                return;
            }
            GetMetricsRequest request = GetMetricsRequest.newBuilder().setScaledObjectRef(ref)
                    .setMetricName(specs.getMetricSpecs(0).getMetricName()).build();
            call("GetMetrics", deadlined().getMetrics(request), this::afterMetrics);
        }

        private void afterMetrics(GetMetricsResponse metrics) {
            if (metrics.getMetricValuesCount() != 1 || metrics.getMetricValues(0).getMetricValueFloat() != wanted.value()) {
                wrong("GetMetrics", metrics.toString());
                return;
            }
            call("IsActive", deadlined().isActive(ref), this::afterIsActive);
        }

        private void afterIsActive(IsActiveResponse active) {
            if (active.getResult() != wanted.active()) {
                wrong("IsActive", active.toString());
                return;
            }
            next();
        }

        private void wrong(String method, String answer) {
            error(method + " wrong answer", serviceType + ": " + method + " answered " + answer.strip()
                    + ", expected " + wanted);
            next();
        }

        private ExternalScalerFutureStub deadlined() {
            return stub.withDeadlineAfter(KedaClient.HPA_DEADLINE.toNanos(), TimeUnit.NANOSECONDS);
        }

        private <T> void call(String method, ListenableFuture<T> answer, Consumer<T> then) {
            long started = System.nanoTime();
            Futures.addCallback(answer, new FutureCallback<T>() {
                @Override
                public void onSuccess(T value) {
                    record(started);
                    then.accept(value);
                }

                @Override
                public void onFailure(Throwable t) {
                    record(started);
                    Status status = Status.fromThrowable(t);
                    error(method + " " + status.getCode(), serviceType + ": " + method + " failed with " + status);
                    next();
                }
            }, MoreExecutors.directExecutor());
        }

        private void record(long started) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
        }
    }
}
