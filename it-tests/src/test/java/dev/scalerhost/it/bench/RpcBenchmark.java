package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GetMetrics} + {@code IsActive} answered from cache by the running distribution, against a bare
 * grpc-java server ({@link BareScalerServer}) measured in the same run, at several numbers of
 * concurrent streams over one connection. The two targets alternate within each round so that a
 * change in the machine's load hits both; the report gives each side's median over the rounds and the
 * host/bare ratios.
 *
 * <p>Run through Maven (see docs/benchmarks.md): {@code ./mvnw -B -pl it-tests -am verify -Pbench
 * -DskipTests -Dbench.class=RpcBenchmark -Dbench.args="--rounds 3"}. Arguments: {@code --streams 1,16,256},
 * {@code --warmup 5}, {@code --seconds 10} (per measurement), {@code --rounds 2}.
 */
public final class RpcBenchmark {

    static final String SERVICE_TYPE = "bench-depth";
    static final double VALUE = 42;
    static final double THROUGHPUT_GOAL = 0.8;
    static final double P99_GOAL = 1.5;

    private RpcBenchmark() {
    }

    record Row(int streams, LoadDriver.Result bare, LoadDriver.Result host) {
        double throughputRatio() {
            return host.throughput() / bare.throughput();
        }

        double p99Ratio() {
            return host.p99Micros() / bare.p99Micros();
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, Set.of("streams", "warmup", "seconds", "rounds"));
        List<Integer> streams = arguments.integers("streams", List.of(1, 16, 256));
        Duration warmup = arguments.seconds("warmup", 5);
        Duration window = arguments.seconds("seconds", 10);
        int rounds = arguments.integer("rounds", 2);
        Distribution distribution = Distribution.unpacked();
        System.out.println("RPC benchmark: " + Machine.describe());
        List<Row> rows = new ArrayList<>();
        try (MetricsEndpoint endpoint = BenchHost.endpoint();
                ScalerhostProcess host = BenchHost.start(distribution, endpoint, "bench-rpc");
                BaselineProcess bare = BaselineProcess.start(distribution)) {
            System.out.println("both servers run with " + bare.jvmOptions());
            LoadDriver hostDriver = new LoadDriver(BenchHost.ref(host.grpcPort()), SERVICE_TYPE);
            LoadDriver bareDriver = new LoadDriver(BenchHost.ref(bare.port()), SERVICE_TYPE);
            for (int n : streams) {
                List<LoadDriver.Result> bareRuns = new ArrayList<>();
                List<LoadDriver.Result> hostRuns = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    // Alternate who goes first, so a drift in the machine's load does not favour one side.
                    if (round % 2 == 0) {
                        bareRuns.add(report("bare", bareDriver.run(bare.port(), n, warmup, window)));
                        hostRuns.add(report("host", hostDriver.run(host.grpcPort(), n, warmup, window)));
                    } else {
                        hostRuns.add(report("host", hostDriver.run(host.grpcPort(), n, warmup, window)));
                        bareRuns.add(report("bare", bareDriver.run(bare.port(), n, warmup, window)));
                    }
                }
                rows.add(new Row(n, median(bareRuns), median(hostRuns)));
            }
            System.out.println("RSS after the runs: host " + JvmProbe.rssKib(host.pid()) / 1024 + " MiB, bare server "
                    + JvmProbe.rssKib(bare.pid()) / 1024 + " MiB");
            host.stop();
        }
        System.out.println();
        System.out.println("load average at the end: " + Machine.loadAverage());
        System.out.println(table(rows));
    }

    private static LoadDriver.Result report(String side, LoadDriver.Result result) {
        System.out.printf(Locale.ROOT, "  %-4s streams=%-3d %9.0f calls/s  p50 %8.1f us  p99 %8.1f us  errors %s%n",
                side, result.streams(), result.throughput(), result.p50Micros(), result.p99Micros(), result.errors());
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

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| streams | bare calls/s | host calls/s | throughput host/bare | bare p50 µs | host p50 µs"
                + " | bare p99 µs | host p99 µs | p99 host/bare | goal (≥ 0.8×, ≤ 1.5×) |\n");
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
