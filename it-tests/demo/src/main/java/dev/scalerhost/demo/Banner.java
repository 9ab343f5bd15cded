package dev.scalerhost.demo;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/** What the demo tells the user before the table: what runs where, where the logs go, what to try. */
final class Banner {

    private final PrintStream out;
    private final DemoOptions options;
    private final long started = System.nanoTime();

    Banner(PrintStream out, DemoOptions options) {
        this.out = Objects.requireNonNull(out, "out");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** The address clients on this machine use to reach listeners bound to the options' address. */
    static String clientHost(DemoOptions options) {
        String bind = options.bindAddress();
        return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
    }

    void starting() {
        print("scalerhost demo: a real Kafka broker and PostgreSQL, the built distribution running "
                + "config/lakerunner.yaml, and a workload that makes lag and queue depth rise and fall.");
        print("Starting Kafka and PostgreSQL ...");
    }

    void backends(Backends backends) {
        print("Kafka and PostgreSQL up after " + elapsed() + "; starting scalerhost ...");
        print("  Kafka broker   " + backends.broker().bootstrapServers() + "   log: " + backends.broker().logFile());
        print("  PostgreSQL     127.0.0.1:" + backends.postgres().port() + "   data: "
                + backends.postgres().dataDirectory());
        print("  demo log       " + options.workDir().resolve("demo.log"));
    }

    void host(HostProcess host, Path shipped, Path config) {
        print("scalerhost ready after " + elapsed() + ":");
        print("  scalerhost     pid " + host.pid() + "   gRPC " + options.bindAddress() + ":" + options.grpcPort()
                + "   HTTP " + options.bindAddress() + ":" + options.httpPort() + "   log: " + host.logFile());
        print("                 config: " + config + " (" + shipped.getFileName() + " with the demo's listeners)");
    }

    void workload(LakerunnerConfig config) {
        print("Workload: " + config.kafka().size() + " topics x " + KafkaWorkload.PARTITIONS
                + " partitions, produced and consumed in waves; " + config.queue().size()
                + " work-queue tasks, inserted and claimed in waves.");
    }

    void tryIt(String serviceType) {
        String web = "localhost:" + options.httpPort();
        String grpc = "localhost:" + options.grpcPort();
        String metadata = "{\"scalerMetadata\":{\"serviceType\":\"" + serviceType + "\"}}";
        print("");
        print("Try, in another terminal:");
        print("  curl -s " + web + "/status");
        print("  curl -s " + web + "/metrics | grep -v '^#' | head");
        print("  grpcurl -plaintext -d '" + metadata + "' " + grpc + " externalscaler.ExternalScaler/IsActive");
        print("  grpcurl -plaintext -d '{\"scaledObjectRef\":" + metadata + ",\"metricName\":\"" + serviceType + "\"}' "
                + grpc + " externalscaler.ExternalScaler/GetMetrics");
        print("  python3 -c 'import grpc; s=b\"" + serviceType + "\"; e=b\"\\n\\x0bserviceType\\x12\"+bytes([len(s)])+s; "
                + "print(\"active:\", grpc.insecure_channel(\"" + grpc + "\").unary_unary("
                + "\"/externalscaler.ExternalScaler/IsActive\")(b\"\\x1a\"+bytes([len(e)])+e) == b\"\\x08\\x01\")'");
        print("  or point a KEDA ScaledObject at it: type: external, metadata: {scalerAddress: <this machine>:"
                + options.grpcPort() + ", serviceType: " + serviceType + "}");
        print(options.duration().map(d -> "Stops by itself after " + d.toSeconds() + " s; Ctrl-C stops earlier.")
                .orElse("Ctrl-C stops everything."));
        print("");
    }

    private String elapsed() {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9);
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
