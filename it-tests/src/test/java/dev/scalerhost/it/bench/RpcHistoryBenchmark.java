package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code GetMetrics} + {@code IsActive} of this build's distribution (which keeps the console's
 * history) against another build's, e.g. one built from the commit before the history, measured in
 * the same run: the two hosts serve the same serviceType from the same {@code /metrics} endpoint, and
 * the rounds alternate which goes first. The same closed-loop driver as {@link RpcBenchmark}.
 *
 * <p>Arguments: {@code --baseline DIR} (an unpacked distribution, required), {@code --streams 1},
 * {@code --warmup 3}, {@code --seconds 8}, {@code --rounds 4}. See docs/benchmarks.md.
 */
public final class RpcHistoryBenchmark {

    private RpcHistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String baselineHome = null;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--baseline".equals(args[i]) && i + 1 < args.length) {
                baselineHome = args[++i];
            } else {
                rest.add(args[i]);
            }
        }
        if (baselineHome == null) {
            throw new IllegalArgumentException("--baseline DIR (an unpacked distribution to compare with) is required");
        }
        BenchArguments arguments = new BenchArguments(rest.toArray(String[]::new), Set.of("streams", "warmup", "seconds", "rounds"));
        List<Integer> streams = arguments.integers("streams", List.of(1));
        Duration warmup = arguments.seconds("warmup", 3);
        Duration window = arguments.seconds("seconds", 8);
        int rounds = arguments.integer("rounds", 4);
        Distribution current = Distribution.unpacked();
        Distribution baseline = current.other(Path.of(baselineHome));
        System.out.println("RPC benchmark, this build against " + baseline.home() + ": " + Machine.describe());
        List<String> lines = new ArrayList<>();
        try (MetricsEndpoint endpoint = BenchHost.endpoint();
                ScalerhostProcess withHistory = BenchHost.start(current, endpoint, "bench-rpc-history");
                ScalerhostProcess without = BenchHost.start(baseline, endpoint, "bench-rpc-baseline")) {
            LoadDriver historyDriver = new LoadDriver(BenchHost.ref(withHistory.grpcPort()), RpcBenchmark.SERVICE_TYPE);
            LoadDriver baselineDriver = new LoadDriver(BenchHost.ref(without.grpcPort()), RpcBenchmark.SERVICE_TYPE);
            for (int n : streams) {
                for (int round = 1; round <= rounds; round++) {
                    LoadDriver.Result first;
                    LoadDriver.Result second;
                    if (round % 2 == 1) {
                        first = report("base", baselineDriver.run(without.grpcPort(), n, warmup, window));
                        second = report("this", historyDriver.run(withHistory.grpcPort(), n, warmup, window));
                        lines.add(row(n, round, first, second));
                    } else {
                        first = report("this", historyDriver.run(withHistory.grpcPort(), n, warmup, window));
                        second = report("base", baselineDriver.run(without.grpcPort(), n, warmup, window));
                        lines.add(row(n, round, second, first));
                    }
                }
            }
            withHistory.stop();
            without.stop();
        }
        System.out.println();
        System.out.println("load average at the end: " + Machine.loadAverage());
        System.out.println("| streams | round | baseline calls/s | baseline p50 / p99 µs | this build calls/s | this build p50 / p99 µs "
                + "| throughput this/baseline |");
        System.out.println("|---:|---:|---:|---|---:|---|---:|");
        lines.forEach(System.out::println);
    }

    private static String row(int streams, int round, LoadDriver.Result baseline, LoadDriver.Result current) {
        return String.format(Locale.ROOT, "| %d | %d | %.0f | %.0f / %.0f | %.0f | %.0f / %.0f | %.2f |", streams, round,
                baseline.throughput(), baseline.p50Micros(), baseline.p99Micros(), current.throughput(),
                current.p50Micros(), current.p99Micros(), current.throughput() / baseline.throughput());
    }

    private static LoadDriver.Result report(String side, LoadDriver.Result result) {
        System.out.printf(Locale.ROOT, "  %-4s streams=%-3d %9.0f calls/s  p50 %8.1f us  p99 %8.1f us  errors %s%n",
                side, result.streams(), result.throughput(), result.p50Micros(), result.p99Micros(), result.errors());
        if (result.errorCount() > 0) {
            throw new IllegalStateException(side + " failed calls during the benchmark: " + result.errors());
        }
        return result;
    }
}
