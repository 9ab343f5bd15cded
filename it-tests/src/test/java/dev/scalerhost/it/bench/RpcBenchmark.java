package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.DoubleSupplier;

/**
 * {@code GetMetrics} + {@code IsActive} answered from cache by the running distribution, against a bare
 * grpc-java server ({@link BareScalerServer}) measured in the same run, at several numbers of
 * concurrent streams over one connection. The two targets alternate within each round so that a
 * change in the machine's load hits both; the report gives each side's median round and best round
 * (on a shared machine the best is the least disturbed) and the host/bare ratios.
 *
 * <p>Run through Maven (see docs/benchmarks.md): {@code ./mvnw -B -pl it-tests -am verify -Pbench
 * -DskipTests -Dbench.class=RpcBenchmark -Dbench.args="--rounds 3"}. Arguments: {@code --streams 1,16,256},
 * {@code --warmup 5}, {@code --seconds 10} (per measurement), {@code --rounds 2}.
 */
public final class RpcBenchmark {

    static final String SERVICE_TYPE = "bench-depth";
    static final double VALUE = 42;
    static final double THROUGHPUT_GOAL = 0.95;
    static final double P99_GOAL = 1.1;

    private RpcBenchmark() {
    }

    record Row(int streams, LoadDriver.Result bare, LoadDriver.Result host) {
        double throughputRatio() {
            return host.throughput() / bare.throughput();
        }

        double p99Ratio() {
            return host.p99Micros() / bare.p99Micros();
        }

        double cpuRatio() {
            return host.serverCpuMicrosPerCall() / bare.serverCpuMicrosPerCall();
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, Set.of("streams", "warmup", "seconds", "rounds", "jfr"));
        List<Integer> streams = arguments.integers("streams", List.of(1, 16, 256));
        Duration warmup = arguments.seconds("warmup", 5);
        Duration window = arguments.seconds("seconds", 10);
        int rounds = arguments.integer("rounds", 2);
        String jfr = arguments.text("jfr", null);
        Distribution distribution = Distribution.unpacked();
        System.out.println("RPC benchmark: " + Machine.describe());
        List<Row> medians = new ArrayList<>();
        List<Row> bests = new ArrayList<>();
        try (MetricsEndpoint endpoint = BenchHost.endpoint();
                ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("bench-rpc")
                        .config(BenchHost.config(endpoint)).env("JAVA_OPTS", String.join(" ", recording(jfr, "host")))
                        .start();
                BaselineProcess bare = BaselineProcess.start(distribution, recording(jfr, "bare"))) {
            System.out.println("both servers run with " + bare.jvmOptions());
            if (jfr != null) {
                System.out.println("flight recordings (profile settings) go to " + Path.of(jfr).toAbsolutePath());
            }
            DoubleSupplier hostCpu = () -> JvmProbe.cpuSeconds(host.pid());
            DoubleSupplier bareCpu = () -> JvmProbe.cpuSeconds(bare.pid());
            LoadDriver hostDriver = new LoadDriver(BenchHost.ref(host.grpcPort()), SERVICE_TYPE);
            LoadDriver bareDriver = new LoadDriver(BenchHost.ref(bare.port()), SERVICE_TYPE);
            for (int n : streams) {
                List<LoadDriver.Result> bareRuns = new ArrayList<>();
                List<LoadDriver.Result> hostRuns = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    // Alternate who goes first, so a drift in the machine's load does not favour one side.
                    if (round % 2 == 0) {
                        bareRuns.add(report("bare", bareDriver.run(bare.port(), n, warmup, window, bareCpu)));
                        hostRuns.add(report("host", hostDriver.run(host.grpcPort(), n, warmup, window, hostCpu)));
                    } else {
                        hostRuns.add(report("host", hostDriver.run(host.grpcPort(), n, warmup, window, hostCpu)));
                        bareRuns.add(report("bare", bareDriver.run(bare.port(), n, warmup, window, bareCpu)));
                    }
                }
                medians.add(new Row(n, median(bareRuns), median(hostRuns)));
                bests.add(new Row(n, best(bareRuns), best(hostRuns)));
            }
            System.out.println("RSS after the runs: host " + JvmProbe.rssKib(host.pid()) / 1024 + " MiB, bare server "
                    + JvmProbe.rssKib(bare.pid()) / 1024 + " MiB");
            host.stop();
        }
        System.out.println("Server CPU per call in the median round (user + system time of the server process over"
                + " the window, divided by the calls; little affected by other load):");
        System.out.println(cpuTable(medians));
        System.out.println();
        System.out.println("load average at the end: " + Machine.loadAverage());
        System.out.println("Median round of " + rounds + ":");
        System.out.println(table(medians));
        System.out.println("Best round of " + rounds + " (highest throughput: the run least disturbed by other load):");
        System.out.println(table(bests));
    }

    private static LoadDriver.Result report(String side, LoadDriver.Result result) {
        System.out.printf(Locale.ROOT, "  %-4s streams=%-3d %9.0f calls/s  p50 %8.1f us  p99 %8.1f us  server CPU %6.1f us/call"
                + "  errors %s%n", side, result.streams(), result.throughput(), result.p50Micros(), result.p99Micros(),
                result.serverCpuMicrosPerCall(), result.errors());
        if (result.errorCount() > 0) {
            throw new IllegalStateException(side + " failed calls during the benchmark: " + result.errors());
        }
        return result;
    }

    /** The round with the median throughput, so that its latencies stay those of one real run. */
    private static LoadDriver.Result median(List<LoadDriver.Result> runs) {
        List<LoadDriver.Result> sorted = new ArrayList<>(runs);
        sorted.sort((a, b) -> Double.compare(a.throughput(), b.throughput()));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** JVM options that record a flight recording of {@code side} into {@code directory}, none without one. */
    private static List<String> recording(String directory, String side) {
        if (directory == null) {
            return List.of();
        }
        return List.of("-XX:StartFlightRecording=settings=profile,filename="
                + Path.of(directory).toAbsolutePath().resolve(side + ".jfr"));
    }

    static String cpuTable(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| streams | bare CPU µs/call | host CPU µs/call | host/bare |\n|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.2f |%n", row.streams(),
                    row.bare().serverCpuMicrosPerCall(), row.host().serverCpuMicrosPerCall(), row.cpuRatio()));
        }
        return out.toString();
    }

    private static LoadDriver.Result best(List<LoadDriver.Result> runs) {
        return runs.stream().max((a, b) -> Double.compare(a.throughput(), b.throughput())).orElseThrow();
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| streams | bare calls/s | host calls/s | throughput host/bare | bare p50 µs | host p50 µs"
                + " | bare p99 µs | host p99 µs | p99 host/bare | goal (≥ 0.95×, ≤ 1.1×) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Row row : rows) {
            boolean met = row.throughputRatio() >= THROUGHPUT_GOAL && row.p99Ratio() <= P99_GOAL;
            out.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.2f | %.0f | %.0f | %.0f | %.0f | %.2f | %s |%n",
                    row.streams(), row.bare().throughput(), row.host().throughput(), row.throughputRatio(),
                    row.bare().p50Micros(), row.host().p50Micros(), row.bare().p99Micros(), row.host().p99Micros(),
                    row.p99Ratio(), met ? "met" : "not met"));
        }
        return out.toString();
    }
}
