package dev.scalerhost.host.grpc;

import dev.scalerhost.host.config.GrpcConfig;
import dev.scalerhost.host.config.ServiceTypeConfig;
import dev.scalerhost.host.config.TlsConfig;
import dev.scalerhost.host.engine.EngineSource;
import dev.scalerhost.host.engine.MeasurementEngine;
import dev.scalerhost.host.engine.PreparedServiceType;
import dev.scalerhost.host.engine.TestServiceTypes;
import dev.scalerhost.host.metrics.HostMetrics;
import dev.scalerhost.proto.ExternalScalerGrpc;
import dev.scalerhost.proto.GetMetricsRequest;
import dev.scalerhost.proto.ScaledObjectRef;
import dev.scalerhost.spi.MetricSource;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** An engine, the scaler service and a real Netty server on an ephemeral port, with a client channel. */
final class ScalerHarness implements AutoCloseable {

    final HostMetrics metrics = new HostMetrics();
    final MeasurementEngine engine;
    final ScalerService service;
    final GrpcServer server;
    final ManagedChannel channel;

    private ScalerHarness(Builder builder) throws IOException {
        engine = new MeasurementEngine(builder.sources, builder.serviceTypes.stream().map(TestServiceTypes::prepared).toList(),
                metrics, builder.clock);
        service = new ScalerService(engine,
                ServiceCatalog.of(builder.serviceTypes, config -> builder.aliases.get(config.serviceType())));
        server = new GrpcServer(new GrpcConfig("127.0.0.1", 0, builder.tls, builder.maxInboundBytes), service, metrics);
        try {
            server.start();
        } catch (IOException e) {
            engine.close();
            throw e;
        }
        engine.start();
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024).build();
    }

    static Builder with(Clock clock) {
        return new Builder(clock);
    }

    ExternalScalerGrpc.ExternalScalerBlockingStub blocking() {
        return ExternalScalerGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    ExternalScalerGrpc.ExternalScalerStub async() {
        return ExternalScalerGrpc.newStub(channel);
    }

    ExternalScalerGrpc.ExternalScalerFutureStub futures() {
        return ExternalScalerGrpc.newFutureStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    /** Answers from {@code catalog} from now on, measured by the same engine, as a reload that changed only it. */
    void publish(ServiceCatalog catalog) {
        service.swap(engine, catalog);
    }

    /** The server's port; the harness's own channel is plaintext. */
    int port() {
        return server.port();
    }

    /** A trigger's metadata as KEDA sends it: serviceType, KEDA's own keys, then {@code extra} pairs. */
    static ScaledObjectRef ref(String serviceType, String... extra) {
        ScaledObjectRef.Builder ref = ScaledObjectRef.newBuilder().setName("worker").setNamespace("default")
                .putScalerMetadata("scalerAddress", "scalerhost.keda.svc:9090")
                .putScalerMetadata("enableTLS", "false");
        if (serviceType != null) {
            ref.putScalerMetadata("serviceType", serviceType);
        }
        for (int i = 0; i < extra.length; i += 2) {
            ref.putScalerMetadata(extra[i], extra[i + 1]);
        }
        return ref.build();
    }

    static GetMetricsRequest metrics(String serviceType, String... extra) {
        return GetMetricsRequest.newBuilder().setScaledObjectRef(ref(serviceType, extra)).setMetricName(serviceType).build();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(2, TimeUnit.SECONDS);
        server.shutdown(Duration.ofSeconds(1));
        engine.close();
    }

    static final class Builder {
        private final Clock clock;
        private final List<EngineSource> sources = new ArrayList<>();
        private final List<ServiceTypeConfig> serviceTypes = new ArrayList<>();
        private final Map<String, Map<String, String>> aliases = new HashMap<>();
        private int maxInboundBytes = GrpcConfig.DEFAULT_MAX_INBOUND_BYTES;
        private Optional<TlsConfig> tls = Optional.empty();

        private Builder(Clock clock) {
            this.clock = clock;
        }

        Builder source(String name, MetricSource source) {
            sources.add(new EngineSource(name, "fake", source, "fake source " + name));
            return this;
        }

        Builder bind(ServiceTypeConfig config) {
            serviceTypes.add(config);
            return this;
        }

        /** Binds {@code config} whose plugin spells target and activation also as {@code metadataAliases}. */
        Builder bind(ServiceTypeConfig config, Map<String, String> metadataAliases) {
            aliases.put(config.serviceType(), metadataAliases);
            return bind(config);
        }

        Builder maxInboundBytes(int bytes) {
            maxInboundBytes = bytes;
            return this;
        }

        Builder tls(TlsConfig config) {
            tls = Optional.of(config);
            return this;
        }

        ScalerHarness start() throws IOException {
            return new ScalerHarness(this);
        }
    }
}
