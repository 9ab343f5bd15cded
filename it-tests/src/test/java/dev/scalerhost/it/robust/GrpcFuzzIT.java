package dev.scalerhost.it.robust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.ScaledObjectRef;
import dev.scalerhost.testservers.MetricsEndpoint;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * 100,000 generated calls on the gRPC surface (every method, hostile metadata, short deadlines,
 * cancelled calls and streams) over a few connections: every call ends with a deliberate status code,
 * never {@code INTERNAL} or {@code UNKNOWN}; every successful {@code GetMetrics} carries the right
 * value; afterwards the host is alive and holds no more heap or threads than before.
 *
 * <p>The seed is printed and repeated in every failure; rerun one with {@code -Dfuzz.seed=N}
 * ({@code -Dfuzz.calls=N} changes the count).
 */
class GrpcFuzzIT {

    private static final int CALLS = Integer.getInteger("fuzz.calls", 100_000);
    private static final long SEED = Long.getLong("fuzz.seed", System.nanoTime());
    private static final int IN_FLIGHT = 256;
    private static final int CHANNELS = 4;
    private static final Map<String, Double> VALUES = Map.of("fuzz-a", 42.0, "fuzz-b", 7.5);
    private static final Set<Status.Code> DELIBERATE = Set.of(Status.Code.OK, Status.Code.INVALID_ARGUMENT,
            Status.Code.NOT_FOUND, Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.CANCELLED,
            Status.Code.RESOURCE_EXHAUSTED);
    private static final long HEAP_SLACK_BYTES = 8L << 20;
    private static final long THREAD_SLACK = 2;

    private final Distribution distribution = Distribution.unpacked();
    private final Map<Status.Code, LongAdder> codes = new ConcurrentHashMap<>();
    private final FirstProblems problems = new FirstProblems();
    private final Semaphore permits = new Semaphore(IN_FLIGHT);
    private final ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();

    @Test
    void hostileCallsEndWithDeliberateStatusesAndLeaveNoHeapOrThreadsBehind() throws Exception {
        System.out.println("GrpcFuzzIT: seed " + SEED + ", " + CALLS + " calls (rerun with -Dfuzz.seed=" + SEED + ")");
        try (MetricsEndpoint endpoint = MetricsEndpoint.start()
                        .set("fuzz_a", VALUES.get("fuzz-a")).set("fuzz_b", VALUES.get("fuzz-b"));
                ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("grpc-fuzz")
                        .config(config(endpoint)).start()) {
            List<ManagedChannel> channels = new ArrayList<>();
            for (int i = 0; i < CHANNELS; i++) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", host.grpcPort()).usePlaintext().build());
            }
            try {
                fire(channels, new HostileInputs(SEED ^ 1, List.copyOf(VALUES.keySet())), 2_000);
                codes.clear();
                long heapBefore = JvmProbe.retainedHeapBytes(host);
                long threadsBefore = JvmProbe.threads(host.pid());
                long started = System.nanoTime();

                fire(channels, new HostileInputs(SEED, List.of("fuzz-a", "fuzz-b", "fuzz-failing")), CALLS);

                Duration took = Duration.ofNanos(System.nanoTime() - started);
                long heapAfter = JvmProbe.retainedHeapBytes(host);
                long threadsAfter = JvmProbe.threads(host.pid());
                System.out.printf("GrpcFuzzIT: %d calls in %s; codes %s; retained heap %d -> %d KiB; threads %d -> %d%n",
                        CALLS, took, counts(), heapBefore >> 10, heapAfter >> 10, threadsBefore, threadsAfter);

                String context = " (seed " + SEED + "; codes " + counts() + ")";
                assertThat(problems.list()).as("calls that ended badly" + context).isEmpty();
                assertThat(counts().keySet()).as("status codes" + context).isSubsetOf(DELIBERATE);
                assertThat(counts()).as("the mix reached the answering paths" + context)
                        .containsKeys(Status.Code.OK, Status.Code.INVALID_ARGUMENT, Status.Code.NOT_FOUND,
                                Status.Code.UNAVAILABLE, Status.Code.CANCELLED);
                assertThat(host.isAlive()).as("host alive" + context).isTrue();
                assertThat(host.http("/livez").status()).isEqualTo(200);
                assertThat(heapAfter).as("retained heap after the fuzz" + context)
                        .isLessThanOrEqualTo(heapBefore + HEAP_SLACK_BYTES);
                assertThat(threadsAfter).as("threads after the fuzz" + context)
                        .isLessThanOrEqualTo(threadsBefore + THREAD_SLACK);
                assertThat(host.log()).as("host log" + context).doesNotContain("uncaught failure", "Exception in thread");
            } finally {
                channels.forEach(ManagedChannel::shutdownNow);
                canceller.shutdownNow();
            }
            host.stop();
        }
    }

    private static String config(MetricsEndpoint endpoint) {
        return ScalerhostProcess.serverSection().replace("port: @GRPC_PORT@}", "port: @GRPC_PORT@, maxInboundBytes: 65536}")
                + """
                sources:
                  local:
                    type: metrics-endpoint
                    url: %s
                serviceTypes:
                  fuzz-a:
                    source: local
                    metric: fuzz_a
                    target: 10
                    activation: 0
                    metadataOverrides: [target, activation]
                  fuzz-b:
                    source: local
                    metric: fuzz_b
                    target: 5
                    activation: 1
                  fuzz-failing:
                    source: local
                    metric: not_exposed
                    target: 5
                """.formatted(endpoint.url());
    }

    /** Issues {@code count} calls, at most {@value #IN_FLIGHT} at a time, and waits for all to end. */
    private void fire(List<ManagedChannel> channels, HostileInputs inputs, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            permits.acquire();
            ExternalScalerGrpc.ExternalScalerStub stub = ExternalScalerGrpc.newStub(channels.get(i % channels.size()));
            Optional<Duration> deadline = inputs.deadline();
            if (deadline.isPresent()) {
                stub = stub.withDeadlineAfter(deadline.get().toNanos(), TimeUnit.NANOSECONDS);
            }
            ScaledObjectRef ref = inputs.ref();
            boolean cancel = inputs.chance(0.05);
            long cancelAfterMicros = inputs.nextInt(5_000);
            Tally<?, ?> tally;
            switch (inputs.nextInt(5)) {
                case 0 -> {
                    Tally<ScaledObjectRef, GetMetricSpecResponse> t = new Tally<>("GetMetricSpec", ref, r -> null);
                    stub.getMetricSpec(ref, t);
                    tally = t;
                }
                case 1 -> {
                    GetMetricsRequest request = GetMetricsRequest.newBuilder().setScaledObjectRef(ref)
                            .setMetricName(inputs.metricName(ref)).build();
                    Tally<GetMetricsRequest, GetMetricsResponse> t = new Tally<>("GetMetrics", ref, GrpcFuzzIT::wrongValue);
                    stub.getMetrics(request, t);
                    tally = t;
                }
                case 2 -> {
                    Tally<ScaledObjectRef, IsActiveResponse> t = new Tally<>("IsActive", ref, r -> null);
                    stub.isActive(ref, t);
                    tally = t;
                }
                case 3 -> {
                    Tally<ScaledObjectRef, IsActiveResponse> t = new Tally<>("StreamIsActive", ref, r -> null);
                    stub.streamIsActive(ref, t);
                    tally = t;
                    cancel = true;
                }
                default -> {
                    Tally<ScaledObjectRef, GetMetricSpecResponse> t = new Tally<>("StreamMetricSpec", ref, r -> null);
                    stub.streamMetricSpec(ref, t);
                    tally = t;
                    cancel = true;
                }
            }
            // Streams never end by themselves; some unary calls are cancelled too, as a client that goes away.
            if (cancel) {
                canceller.schedule(tally::cancel, cancelAfterMicros, TimeUnit.MICROSECONDS);
            }
        }
        if (!permits.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
            throw new AssertionError((IN_FLIGHT - permits.availablePermits()) + " calls still open 60 s after the last"
                    + " was sent (seed " + SEED + ")");
        }
        permits.release(IN_FLIGHT);
    }

    /** Why a successful GetMetrics answer is wrong, or null if it is right. */
    private static String wrongValue(Object response) {
        GetMetricsResponse metrics = (GetMetricsResponse) response;
        if (metrics.getMetricValuesCount() != 1) {
            return "expected exactly one value, got " + metrics;
        }
        Double expected = VALUES.get(metrics.getMetricValues(0).getMetricName());
        double actual = metrics.getMetricValues(0).getMetricValueFloat();
        return expected != null && expected == actual ? null : "value " + actual + " for "
                + metrics.getMetricValues(0).getMetricName() + ", expected " + expected;
    }

    /** Tallies the call's status once and checks each response with {@code check}. */
    private final class Tally<Q, R> implements ClientResponseObserver<Q, R> {
        private final String method;
        private final ScaledObjectRef ref;
        private final Function<Object, String> check;
        private volatile ClientCallStreamObserver<Q> call;

        Tally(String method, ScaledObjectRef ref, Function<Object, String> check) {
            this.method = method;
            this.ref = ref;
            this.check = check;
        }

        void cancel() {
            call.cancel("fuzz cancels", null);
        }

        @Override
        public void beforeStart(ClientCallStreamObserver<Q> call) {
            this.call = call;
        }

        @Override
        public void onNext(R response) {
            String wrong = check.apply(response);
            if (wrong != null) {
                problems.add(method + " " + describe(ref) + ": " + wrong);
            }
        }

        @Override
        public void onError(Throwable error) {
            Status status = Status.fromThrowable(error);
            end(status.getCode());
            if (!DELIBERATE.contains(status.getCode())) {
                problems.add(method + " " + describe(ref) + ": " + status);
            }
        }

        @Override
        public void onCompleted() {
            end(Status.Code.OK);
        }
    }

    private void end(Status.Code code) {
        codes.computeIfAbsent(code, c -> new LongAdder()).increment();
        permits.release();
    }

    private Map<Status.Code, Long> counts() {
        Map<Status.Code, Long> counts = new EnumMap<>(Status.Code.class);
        codes.forEach((code, n) -> counts.put(code, n.sum()));
        return counts;
    }

    private static String describe(ScaledObjectRef ref) {
        String text = ref.getScalerMetadataMap().toString();
        return "metadata(" + ref.getScalerMetadataCount() + " keys) "
                + (text.length() > 300 ? text.substring(0, 300) + "..." : text);
    }

    /** The first few problems, kept whole for the failure message. */
    private static final class FirstProblems {
        private final ConcurrentLinkedQueue<String> items = new ConcurrentLinkedQueue<>();

        void add(String problem) {
            if (items.size() < 10) {
                items.add(problem);
            }
        }

        List<String> list() {
            return Collections.unmodifiableList(new ArrayList<>(items));
        }
    }
}
