package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.Http;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Start-up and footprint of the distribution with the built-in plugins in {@code plugins/}: the time
 * from process start ({@code bin/scalerhost run}) to the first {@code /readyz} 200, over several
 * starts, with the launcher's class data sharing archive ({@code SCALERHOST_CDS=on}, after one start
 * that writes it) and without it, alternating with a start of the RPC benchmark's bare grpc-java server
 * as the baseline; then the resident set size after a minute of RPC load on one host.
 *
 * <p>Arguments: {@code --starts 6} (per variant), {@code --load 60} (seconds), {@code --streams 16}.
 */
public final class StartupBenchmark {

    static final double STARTUP_GOAL_SECONDS = 1.0;
    static final long RSS_GOAL_MIB = 128;

    private StartupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchArguments arguments = new BenchArguments(args, Set.of("starts", "load", "streams"));
        int starts = arguments.integer("starts", 6);
        Duration load = arguments.seconds("load", 60);
        int streams = arguments.integer("streams", 16);
        Distribution distribution = Distribution.unpacked();
        System.out.println("Startup benchmark: " + Machine.describe());
        try (MetricsEndpoint endpoint = BenchHost.endpoint()) {
            // The first start with CDS on writes the archive when it stops; it is not measured.
            timeToReady(distribution, endpoint, "on");
            List<Double> withCds = new ArrayList<>();
            List<Double> withoutCds = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            for (int i = 0; i < starts; i++) {
                withCds.add(timeToReady(distribution, endpoint, "on"));
                withoutCds.add(timeToReady(distribution, endpoint, "off"));
                bare.add(timeToListen(distribution));
                System.out.printf(Locale.ROOT, "  start %d: %.3f s with CDS, %.3f s without, bare gRPC server %.3f s%n",
                        i + 1, withCds.get(i), withoutCds.get(i), bare.get(i));
            }
            double median = median(withCds);
            double medianOff = median(withoutCds);
            double medianBare = median(bare);
            try (ScalerhostProcess host = BenchHost.start(distribution, endpoint, "bench-footprint")) {
                long rssReady = JvmProbe.rssKib(host.pid());
                LoadDriver.Result result = new LoadDriver(BenchHost.ref(host.grpcPort()), RpcBenchmark.SERVICE_TYPE)
                        .run(host.grpcPort(), streams, Duration.ZERO, load);
                long rss = JvmProbe.rssKib(host.pid());
                System.out.println();
                System.out.println("load average at the end: " + Machine.loadAverage());
                System.out.println("| figure | value | goal |");
                System.out.println("|---|---:|---|");
                System.out.printf(Locale.ROOT, "| start to /readyz 200, median of %d, with CDS | %.3f s (min %.3f) | ≤ %.1f s: %s |%n",
                        starts, median, Collections.min(withCds), STARTUP_GOAL_SECONDS,
                        median <= STARTUP_GOAL_SECONDS ? "met" : "not met");
                System.out.printf(Locale.ROOT, "| start to /readyz 200, median of %d, without CDS | %.3f s (min %.3f) | |%n",
                        starts, medianOff, Collections.min(withoutCds));
                System.out.printf(Locale.ROOT, "| start time with CDS / without | %.2f | |%n", median / medianOff);
                System.out.printf(Locale.ROOT, "| bare gRPC server (same JVM options, no CDS): start to listening, median | %.3f s | |%n",
                        medianBare);
                System.out.printf(Locale.ROOT, "| host without CDS / bare server; host with CDS / bare server | %.2f; %.2f | |%n",
                        medianOff / medianBare, median / medianBare);
                System.out.printf(Locale.ROOT, "| RSS when ready | %d MiB | |%n", rssReady / 1024);
                System.out.printf(Locale.ROOT, "| RSS after %d s of load (%d streams, %.0f calls/s) | %d MiB | ≤ %d MiB: %s |%n",
                        load.toSeconds(), streams, result.throughput(), rss / 1024, RSS_GOAL_MIB,
                        rss / 1024 <= RSS_GOAL_MIB ? "met" : "not met");
                host.stop();
            }
        }
    }

    /**
     * Seconds from launching {@link BareScalerServer} (the RPC benchmark's baseline: grpc-java alone,
     * answering a constant) to its port listening: the least a JVM serving KEDA's gRPC needs here.
     */
    private static double timeToListen(Distribution distribution) throws java.io.IOException {
        long started = System.nanoTime();
        try (BaselineProcess bare = BaselineProcess.start(distribution)) {
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /** Seconds from launching the process to its first {@code /readyz} 200. */
    private static double timeToReady(Distribution distribution, MetricsEndpoint endpoint, String cds) {
        long started = System.nanoTime();
        try (ScalerhostProcess host = ScalerhostProcess.builder(distribution).name("bench-startup")
                .env("SCALERHOST_CDS", cds).config(BenchHost.config(endpoint)).launch()) {
            while (true) {
                if (!host.isAlive()) {
                    throw host.failure("the host exited during start-up");
                }
                try {
                    if (Http.get(host.httpPort(), "/readyz").status() == 200) {
                        double seconds = (System.nanoTime() - started) / 1e9;
                        host.stop(Duration.ofSeconds(90));
                        return seconds;
                    }
                } catch (UncheckedIOException notListeningYet) {
                    // The port opens late in start-up; keep polling.
                }
                if (System.nanoTime() - started > Duration.ofSeconds(60).toNanos()) {
                    throw host.failure("not ready within 60 s");
                }
                Thread.onSpinWait();
            }
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
