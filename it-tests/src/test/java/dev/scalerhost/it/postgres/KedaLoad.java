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
import java.util.function.Supplier;

/**
 * Many logical KEDA callers over a few shared gRPC connections, as one KEDA operator talks to a
 * scaler: each caller is one ScaledObject that repeats {@code GetMetricSpec}, {@code GetMetrics}
 * (with the returned name) and {@code IsActive}, back to back and without a deadline, as KEDA's
 * polling loop calls. Every caller has one call in flight at a time; calls are asynchronous, so a
 * few threads carry them all. Every answer is checked against what the caller's serviceType must
 * report. The callers never pause, so this is a closed loop: latency is about callers / rate.
 */
final class KedaLoad implements AutoCloseable {

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
    private static final Duration CONNECT = Duration.ofSeconds(30);
    /** How long after the end of a run an answer may still be outstanding before the host counts as hung. */
    private static final Duration HANG = Duration.ofSeconds(20);

    private final String scalerAddress;
    private final List<ManagedChannel> channels;
    private final List<KedaClient> clients;

    private KedaLoad(String scalerAddress, List<ManagedChannel> channels) {
        this.scalerAddress = scalerAddress;
        this.channels = List.copyOf(channels);
        this.clients = channels.stream().map(channel -> new KedaClient(channel, scalerAddress)).toList();
    }

    /** Opens {@code channels} connections to 127.0.0.1:{@code port} and waits until they are up, as KEDA's long-lived ones are. */
    static KedaLoad connect(int port, int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
        List<ManagedChannel> opened = new ArrayList<>(channels);
        for (int i = 0; i < channels; i++) {
            // Callbacks only issue the next call, so they may run on the transport's threads.
            opened.add(ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build());
        }
        KedaLoad load = new KedaLoad("127.0.0.1:" + port, opened);
        try {
            load.clients.forEach(client -> client.awaitConnected(CONNECT));
        } catch (RuntimeException | AssertionError e) {
            load.close();
            throw e;
        }
        return load;
    }

    /**
     * Runs {@code callers} callers for {@code duration}, spread over the connections; caller i polls
     * the i-th serviceType of {@code expected}, round robin.
     */
    Result run(int callers, Map<String, Expected> expected, Duration duration) throws InterruptedException {
        if (callers < channels.size() || expected.isEmpty()) {
            throw new IllegalArgumentException("need at least one caller per connection and a serviceType, got "
                    + callers + " callers, serviceTypes " + expected.keySet());
        }
        return new Run(callers, expected, duration).execute();
    }

    @Override
    public void close() {
        clients.forEach(KedaClient::close);
    }

    private static long percentile(long[] sorted, double fraction) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
    }

    /** One run's callers and tallies. */
    private final class Run {
        private final Map<String, Expected> expected;
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        private final CountDownLatch finished;
        private final List<Caller> callers;
        private final Duration duration;
        private long endNanos;

        Run(int callerCount, Map<String, Expected> expected, Duration duration) {
            this.expected = Map.copyOf(expected);
            this.duration = duration;
            this.finished = new CountDownLatch(callerCount);
            List<String> serviceTypes = List.copyOf(expected.keySet());
            List<Caller> all = new ArrayList<>(callerCount);
            for (int i = 0; i < callerCount; i++) {
                all.add(new Caller(this, i, serviceTypes.get(i % serviceTypes.size()), channels.get(i % channels.size())));
            }
            this.callers = all;
        }

        Result execute() throws InterruptedException {
            long started = System.nanoTime();
            endNanos = started + duration.toNanos();
            callers.forEach(Caller::next);
            if (!finished.await(duration.plus(HANG).toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError(finished.getCount() + " of " + callers.size() + " callers were still waiting "
                        + "for an answer " + HANG + " after the end of the run");
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            long[] latencies = callers.stream().flatMapToLong(c -> Arrays.stream(c.latencies, 0, c.count)).sorted().toArray();
            Map<String, Long> errorCounts = new TreeMap<>();
            errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
            return new Result(callers.size(), channels.size(), elapsed, latencies.length, errorCounts, List.copyOf(samples),
                    percentile(latencies, 0.50), percentile(latencies, 0.99),
                    latencies.length == 0 ? 0 : latencies[latencies.length - 1]);
        }

        boolean over() {
            return System.nanoTime() - endNanos >= 0;
        }

        void error(String kind, String description) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            if (samples.size() < SAMPLES_KEPT) {
                samples.add(description);
            }
        }
    }

    /** One ScaledObject's polling loop; its fields are touched by one call's callback at a time. */
    private final class Caller {
        private final Run run;
        private final String serviceType;
        private final Expected wanted;
        private final ScaledObjectRef ref;
        private final ExternalScalerFutureStub stub;
        private long[] latencies = new long[256];
        private int count;

        Caller(Run run, int index, String serviceType, ManagedChannel channel) {
            this.run = run;
            this.serviceType = serviceType;
            this.wanted = Objects.requireNonNull(run.expected.get(serviceType), serviceType);
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
            if (run.over()) {
                run.finished.countDown();
                return;
            }
            call("GetMetricSpec", () -> stub.getMetricSpec(ref), this::afterSpec);
        }

        private void afterSpec(GetMetricSpecResponse specs) {
            if (specs.getMetricSpecsCount() != 1 || specs.getMetricSpecs(0).getTargetSizeFloat() != wanted.target()) {
                wrong("GetMetricSpec", specs.toString());
                return;
            }
            GetMetricsRequest request = GetMetricsRequest.newBuilder().setScaledObjectRef(ref)
                    .setMetricName(specs.getMetricSpecs(0).getMetricName()).build();
            call("GetMetrics", () -> stub.getMetrics(request), this::afterMetrics);
        }

        private void afterMetrics(GetMetricsResponse metrics) {
            if (metrics.getMetricValuesCount() != 1 || metrics.getMetricValues(0).getMetricValueFloat() != wanted.value()) {
                wrong("GetMetrics", metrics.toString());
                return;
            }
            call("IsActive", () -> stub.isActive(ref), this::afterIsActive);
        }

        private void afterIsActive(IsActiveResponse active) {
            if (active.getResult() != wanted.active()) {
                wrong("IsActive", active.toString());
                return;
            }
            next();
        }

        private void wrong(String method, String answer) {
            run.error(method + " wrong answer", serviceType + ": " + method + " answered " + answer.strip()
                    + ", expected " + wanted);
            next();
        }

        private <T> void call(String method, Supplier<ListenableFuture<T>> rpc, Consumer<T> then) {
            long started = System.nanoTime();
            Futures.addCallback(rpc.get(), new FutureCallback<T>() {
                @Override
                public void onSuccess(T value) {
                    record(started);
                    then.accept(value);
                }

                @Override
                public void onFailure(Throwable t) {
                    record(started);
                    Status status = Status.fromThrowable(t);
                    run.error(method + " " + status.getCode(), serviceType + ": " + method + " failed with " + status);
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
