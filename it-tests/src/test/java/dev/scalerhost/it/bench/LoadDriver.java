package dev.scalerhost.it.bench;

import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;

/**
 * A closed-loop load driver: {@code streams} callers share one connection (one channel, as KEDA keeps
 * one per scaler address), each with exactly one call in flight, alternating {@code GetMetrics} and
 * {@code IsActive}. After a warm-up, every call started and finished inside the measured window is
 * counted and timed.
 */
final class LoadDriver {

    /**
     * One measurement.
     *
     * @param streams    concurrent callers
     * @param calls      calls completed inside the window
     * @param seconds    the window's length
     * @param p50Micros  median latency
     * @param p99Micros  99th percentile latency
     * @param errors     failed calls by status code, over the whole run
     * @param serverCpu  CPU seconds the server process used in the window, NaN when not measured
     */
    record Result(int streams, long calls, double seconds, double p50Micros, double p99Micros,
            Map<Status.Code, Long> errors, double serverCpu) {

        double throughput() {
            return calls / seconds;
        }

        /**
         * The server's CPU time per call in the window (user + system, all its threads): unlike
         * wall-clock figures it hardly changes with other load on the machine.
         */
        double serverCpuMicrosPerCall() {
            return serverCpu * 1e6 / calls;
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private final ScaledObjectRef ref;
    private final GetMetricsRequest metricsRequest;

    LoadDriver(ScaledObjectRef ref, String metricName) {
        this.ref = ref;
        this.metricsRequest = GetMetricsRequest.newBuilder().setScaledObjectRef(ref).setMetricName(metricName).build();
    }

    /** A new plaintext channel to 127.0.0.1:{@code port}; callbacks run on the transport thread. */
    static ManagedChannel channel(int port) {
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().directExecutor().build();
    }

    Result run(int port, int streams, Duration warmup, Duration window) throws InterruptedException {
        return run(port, streams, warmup, window, () -> Double.NaN);
    }

    /** As {@link #run(int, int, Duration, Duration)}, also measuring the server's CPU seconds in the window. */
    Result run(int port, int streams, Duration warmup, Duration window, DoubleSupplier serverCpuSeconds)
            throws InterruptedException {
        ManagedChannel channel = channel(port);
        try {
            return run(channel, streams, warmup, window, serverCpuSeconds);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    Result run(ManagedChannel channel, int streams, Duration warmup, Duration window) throws InterruptedException {
        return run(channel, streams, warmup, window, () -> Double.NaN);
    }

    private Result run(ManagedChannel channel, int streams, Duration warmup, Duration window,
            DoubleSupplier serverCpuSeconds) throws InterruptedException {
        Run run = new Run(ExternalScalerGrpc.newStub(channel), streams);
        run.start();
        Thread.sleep(warmup.toMillis());
        double cpuAtStart = serverCpuSeconds.getAsDouble();
        run.windowStart = System.nanoTime();
        Thread.sleep(window.toMillis());
        run.windowEnd = System.nanoTime();
        double cpuAtEnd = serverCpuSeconds.getAsDouble();
        run.stopping = true;
        run.awaitIdle(Duration.ofSeconds(30));
        return run.result(cpuAtEnd - cpuAtStart);
    }

    /** The state of one run; each caller touches only its own slot, so no locking is needed. */
    private final class Run {
        private final ExternalScalerGrpc.ExternalScalerStub stub;
        private final Caller[] callers;
        private final AtomicInteger inFlight = new AtomicInteger();
        private volatile long windowStart = Long.MAX_VALUE;
        private volatile long windowEnd = Long.MAX_VALUE;
        private volatile boolean stopping;

        Run(ExternalScalerGrpc.ExternalScalerStub stub, int streams) {
            this.stub = stub;
            this.callers = new Caller[streams];
            for (int i = 0; i < streams; i++) {
                callers[i] = new Caller();
            }
        }

        void start() {
            for (Caller caller : callers) {
                caller.next();
            }
        }

        void awaitIdle(Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (inFlight.get() > 0) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(inFlight.get() + " calls still in flight " + bound + " after the run");
                }
                Thread.sleep(10);
            }
        }

        Result result(double serverCpu) {
            long total = 0;
            for (Caller caller : callers) {
                total += caller.count;
            }
            long[] all = new long[(int) total];
            int at = 0;
            Map<Status.Code, Long> errors = new EnumMap<>(Status.Code.class);
            for (Caller caller : callers) {
                System.arraycopy(caller.latencies, 0, all, at, caller.count);
                at += caller.count;
                caller.errors.forEach((code, n) -> errors.merge(code, n, Long::sum));
            }
            Arrays.sort(all);
            double seconds = (windowEnd - windowStart) / 1e9;
            return new Result(callers.length, total, seconds, percentile(all, 0.50), percentile(all, 0.99), errors, serverCpu);
        }

        private static double percentile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }

        /** One caller: one call in flight, the next started from the previous one's completion. */
        private final class Caller {
            private long[] latencies = new long[4096];
            private int count;
            private boolean metricsNext = true;
            private final Map<Status.Code, Long> errors = new EnumMap<>(Status.Code.class);

            void next() {
                if (stopping) {
                    return;
                }
                inFlight.incrementAndGet();
                long started = System.nanoTime();
                boolean metrics = metricsNext;
                metricsNext = !metricsNext;
                if (metrics) {
                    stub.getMetrics(metricsRequest, observer(started));
                } else {
                    stub.isActive(ref, observer(started));
                }
            }

            private <T> StreamObserver<T> observer(long started) {
                return new StreamObserver<>() {
                    @Override
                    public void onNext(T value) {
                    }

                    @Override
                    public void onError(Throwable t) {
                        errors.merge(Status.fromThrowable(t).getCode(), 1L, Long::sum);
                        done();
                    }

                    @Override
                    public void onCompleted() {
                        long ended = System.nanoTime();
                        if (started >= windowStart && ended <= windowEnd) {
                            record(ended - started);
                        }
                        done();
                    }
                };
            }

            private void record(long nanos) {
                if (count == latencies.length) {
                    latencies = Arrays.copyOf(latencies, count * 2);
                }
                latencies[count++] = nanos;
            }

            private void done() {
                inFlight.decrementAndGet();
                next();
            }
        }
    }
}
