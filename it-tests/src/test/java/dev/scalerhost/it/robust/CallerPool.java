package dev.scalerhost.it.robust;

import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Keeps {@code callers} KEDA-like callers busy over one connection: each calls {@code GetMetrics},
 * then {@code IsActive}, with KEDA's 3 s HPA deadline, pausing briefly between calls, until stopped.
 * Counts outcomes by status code, remembers every distinct value a successful GetMetrics returned and
 * counts the IsActive calls that answered false.
 */
final class CallerPool implements AutoCloseable {

    /** What callers may see while a backend is down: the host's answer, or KEDA's deadline passing. */
    static final Set<Status.Code> OUTAGE_CODES = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);
    private static final Duration DEADLINE = Duration.ofSeconds(3);

    private final ManagedChannel channel;
    private final ExternalScalerGrpc.ExternalScalerStub stub;
    private final ScaledObjectRef ref;
    private final GetMetricsRequest request;
    private final Duration pause;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final Map<Status.Code, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Set<Double> values = ConcurrentHashMap.newKeySet();
    private final LongAdder inactive = new LongAdder();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean stopping;

    CallerPool(int port, String serviceType, int callers, Duration pause) {
        this.channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        this.stub = ExternalScalerGrpc.newStub(channel);
        this.ref = ScaledObjectRef.newBuilder().setName("faults").setNamespace("default")
                .putScalerMetadata("scalerAddress", "127.0.0.1:" + port)
                .putScalerMetadata("serviceType", serviceType).build();
        this.request = GetMetricsRequest.newBuilder().setScaledObjectRef(ref).setMetricName(serviceType).build();
        this.pause = pause;
        for (int i = 0; i < callers; i++) {
            timer.schedule(this::getMetrics, i * pause.toNanos() / callers, TimeUnit.NANOSECONDS);
        }
    }

    /** Counts by status code so far. */
    Map<Status.Code, Long> outcomes() {
        Map<Status.Code, Long> counts = new EnumMap<>(Status.Code.class);
        outcomes.forEach((code, n) -> counts.put(code, n.sum()));
        return counts;
    }

    /** Every distinct value that a successful GetMetrics returned so far. */
    Set<Double> values() {
        return Set.copyOf(values);
    }

    /** How many successful IsActive calls answered false since the start (not reset by {@link #reset()}). */
    long inactiveAnswers() {
        return inactive.sum();
    }

    void reset() {
        outcomes.clear();
        values.clear();
    }

    /** The status codes other than OK among {@code outcomes} (a snapshot of {@link #outcomes()}). */
    static Set<Status.Code> errorCodes(Map<Status.Code, Long> outcomes) {
        Set<Status.Code> codes = EnumSet.noneOf(Status.Code.class);
        codes.addAll(outcomes.keySet());
        codes.remove(Status.Code.OK);
        return codes;
    }

    /** Waits until a successful GetMetrics has returned {@code value}, failing after 30 s. */
    void awaitValue(double value) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!values.contains(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("callers did not see " + value + " within 30 s; values seen "
                        + values() + ", calls by status " + outcomes());
            }
            Thread.sleep(100);
        }
    }

    private void getMetrics() {
        if (stopping) {
            return;
        }
        inFlight.incrementAndGet();
        stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).getMetrics(request, new Outcome<>(this::isActive) {
            @Override
            public void onNext(GetMetricsResponse response) {
                response.getMetricValuesList().forEach(value -> values.add(value.getMetricValueFloat()));
            }
        });
    }

    private void isActive() {
        if (stopping) {
            return;
        }
        inFlight.incrementAndGet();
        stub.withDeadlineAfter(DEADLINE.toMillis(), TimeUnit.MILLISECONDS).isActive(ref, new Outcome<IsActiveResponse>(
                () -> timer.schedule(this::getMetrics, pause.toMillis(), TimeUnit.MILLISECONDS)) {
            @Override
            public void onNext(IsActiveResponse response) {
                if (!response.getResult()) {
                    inactive.increment();
                }
            }
        });
    }

    /** Stops issuing calls and waits for the open ones to end. */
    void stop() throws InterruptedException {
        stopping = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        timer.shutdownNow();
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    /** Tallies one call's status, then runs {@code next} unless the pool is stopping. */
    private class Outcome<T> implements StreamObserver<T> {
        private final Runnable next;

        Outcome(Runnable next) {
            this.next = next;
        }

        @Override
        public void onNext(T value) {
        }

        @Override
        public void onError(Throwable t) {
            finish(Status.fromThrowable(t).getCode());
        }

        @Override
        public void onCompleted() {
            finish(Status.Code.OK);
        }

        private void finish(Status.Code code) {
            outcomes.computeIfAbsent(code, c -> new LongAdder()).increment();
            inFlight.decrementAndGet();
            if (!stopping) {
                next.run();
            }
        }
    }
}
