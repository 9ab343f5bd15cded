package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.MetricsText;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.ScaledObjectRef;
import dev.scalerhost.testservers.MetricsEndpoint;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak: a steady open-loop rate of {@code GetMetrics} + {@code IsActive} against the distribution
 * for ten minutes, sampling the host's heap (after a full collection), RSS and threads every
 * {@code --sample} seconds. Flat means: the last samples are within a few MiB of the first ones after
 * warm-up, and no calls failed. Not part of any build; see docs/benchmarks.md.
 *
 * <p>Arguments: {@code --minutes 10}, {@code --rate 2000} (calls per second), {@code --sample 30}.
 */
public final class Soak {

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, Set.of("minutes", "rate", "sample"));
        Duration length = Duration.ofMinutes(arguments.integer("minutes", 10));
        int rate = arguments.integer("rate", 2000);
        Duration sample = arguments.seconds("sample", 30);
        Distribution distribution = Distribution.unpacked();
        System.out.println("Soak: " + Machine.describe() + "; " + rate + " calls/s for " + length);
        Map<Status.Code, LongAdder> outcomes = new ConcurrentHashMap<>();
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        try (MetricsEndpoint endpoint = BenchHost.endpoint();
                ScalerhostProcess host = BenchHost.start(distribution, endpoint, "bench-soak")) {
            ManagedChannel channel = LoadDriver.channel(host.grpcPort());
            ExternalScalerGrpc.ExternalScalerStub stub = ExternalScalerGrpc.newStub(channel);
            ScaledObjectRef ref = BenchHost.ref(host.grpcPort());
            GetMetricsRequest request = GetMetricsRequest.newBuilder().setScaledObjectRef(ref)
                    .setMetricName(RpcBenchmark.SERVICE_TYPE).build();
            int perTick = Math.max(1, rate / 100);
            ticker.scheduleAtFixedRate(() -> {
                for (int i = 0; i < perTick; i += 2) {
                    stub.getMetrics(request, counting(outcomes));
                    stub.isActive(ref, counting(outcomes));
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            System.out.println("| minute | heap after GC MiB | RSS MiB | threads | calls OK | calls failed |");
            System.out.println("|---:|---:|---:|---:|---:|---:|");
            long start = System.nanoTime();
            while (System.nanoTime() - start < length.toNanos()) {
                Thread.sleep(sample.toMillis());
                long heap = JvmProbe.retainedHeapBytes(host);
                long ok = outcomes.getOrDefault(Status.Code.OK, new LongAdder()).sum();
                long failed = outcomes.entrySet().stream().filter(e -> e.getKey() != Status.Code.OK)
                        .mapToLong(e -> e.getValue().sum()).sum();
                System.out.printf(Locale.ROOT, "| %.1f | %.1f | %d | %d | %d | %d |%n",
                        (System.nanoTime() - start) / 60e9, heap / 1048576.0, JvmProbe.rssKib(host.pid()) / 1024,
                        JvmProbe.threads(host.pid()), ok, failed);
            }
            ticker.shutdownNow();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            MetricsText metrics = MetricsText.scrape(host);
            System.out.printf(Locale.ROOT, "load average at the end: %s; host GC collections %.0f%n",
                    Machine.loadAverage(), metrics.sum("jvm_gc_collection_seconds_count"));
            Map<Status.Code, Long> counts = new EnumMap<>(Status.Code.class);
            outcomes.forEach((code, n) -> counts.put(code, n.sum()));
            System.out.println("calls by status: " + counts);
            host.stop();
        } finally {
            ticker.shutdownNow();
        }
    }

    private static <T> StreamObserver<T> counting(Map<Status.Code, LongAdder> outcomes) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
            }

            @Override
            public void onError(Throwable t) {
                outcomes.computeIfAbsent(Status.fromThrowable(t).getCode(), c -> new LongAdder()).increment();
            }

            @Override
            public void onCompleted() {
                outcomes.computeIfAbsent(Status.Code.OK, c -> new LongAdder()).increment();
            }
        };
    }
}
