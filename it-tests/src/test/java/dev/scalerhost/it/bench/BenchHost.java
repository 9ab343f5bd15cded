package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import dev.scalerhost.proto.ScaledObjectRef;

/**
 * The host as the benchmarks run it: one serviceType read from a local {@link MetricsEndpoint} by the
 * built-in {@code metrics-endpoint} source, so every RPC is answered from the engine's cache. The
 * source is cheap on purpose: what is measured is the RPC path, not the measurement.
 */
final class BenchHost {

    private BenchHost() {
    }

    static String config(MetricsEndpoint endpoint) {
        return ScalerhostProcess.serverSection() + """
                sources:
                  local:
                    type: metrics-endpoint
                    url: %s
                serviceTypes:
                  %s:
                    source: local
                    metric: bench_queue_depth
                    target: 10
                    activation: 0
                """.formatted(endpoint.url(), RpcBenchmark.SERVICE_TYPE);
    }

    static MetricsEndpoint endpoint() throws java.io.IOException {
        return MetricsEndpoint.start().set("bench_queue_depth", RpcBenchmark.VALUE);
    }

    static ScalerhostProcess start(Distribution distribution, MetricsEndpoint endpoint, String name) {
        return ScalerhostProcess.builder(distribution).name(name).config(config(endpoint)).start();
    }

    /** What KEDA sends for the benchmark's trigger. */
    static ScaledObjectRef ref(int port) {
        return ScaledObjectRef.newBuilder()
                .setName("bench")
                .setNamespace("default")
                .putScalerMetadata("scalerAddress", "127.0.0.1:" + port)
                .putScalerMetadata("serviceType", RpcBenchmark.SERVICE_TYPE)
                .build();
    }
}
