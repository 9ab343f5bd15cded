package dev.scalerhost.it.bench;

import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricSpecResponse;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.GetMetricsResponse;
import dev.scalerhost.proto.IsActiveResponse;
import dev.scalerhost.proto.MetricSpec;
import dev.scalerhost.proto.MetricValue;
import dev.scalerhost.proto.ScaledObjectRef;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;

/**
 * The benchmark's baseline: a bare grpc-java server with the same {@code ExternalScaler} service,
 * answering every call with a constant. It runs as its own JVM with the launcher's JVM options, so
 * the only difference from the host is the host's own code on the call path.
 *
 * <p>{@code BareScalerServer PORT}: prints {@code listening on PORT} once it serves, then runs until
 * its standard input closes (the benchmark ends it that way, or by killing it).
 */
public final class BareScalerServer extends ExternalScalerGrpc.ExternalScalerImplBase {

    static final String READY_LINE = "listening on ";

    private final GetMetricsResponse metrics;
    private final GetMetricSpecResponse spec;
    private final IsActiveResponse active = IsActiveResponse.newBuilder().setResult(true).build();

    private BareScalerServer(String metricName, double value) {
        this.metrics = GetMetricsResponse.newBuilder().addMetricValues(MetricValue.newBuilder()
                .setMetricName(metricName).setMetricValueFloat(value).setMetricValue(Math.round(value))).build();
        this.spec = GetMetricSpecResponse.newBuilder().addMetricSpecs(MetricSpec.newBuilder()
                .setMetricName(metricName).setTargetSizeFloat(10).setTargetSize(10)).build();
    }

    @Override
    public void getMetricSpec(ScaledObjectRef request, StreamObserver<GetMetricSpecResponse> out) {
        out.onNext(spec);
        out.onCompleted();
    }

    @Override
    public void getMetrics(GetMetricsRequest request, StreamObserver<GetMetricsResponse> out) {
        out.onNext(metrics);
        out.onCompleted();
    }

    @Override
    public void isActive(ScaledObjectRef request, StreamObserver<IsActiveResponse> out) {
        out.onNext(active);
        out.onCompleted();
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BareScalerServer PORT");
        }
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])))
                .addService(new BareScalerServer(RpcBenchmark.SERVICE_TYPE, RpcBenchmark.VALUE))
                .build()
                .start();
        System.out.println(READY_LINE + server.getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // Runs until the parent closes our standard input or kills us.
        }
        server.shutdownNow().awaitTermination();
    }
}
