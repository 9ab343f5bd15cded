package dev.scalerhost.it.bench;

import dev.scalerhost.it.harness.AotJdk;
import dev.scalerhost.it.harness.Distribution;
import dev.scalerhost.it.harness.Http;
import dev.scalerhost.it.harness.JvmProbe;
import dev.scalerhost.it.harness.ScalerhostProcess;
import dev.scalerhost.it.harness.ScalerhostProcessBuilder;
import dev.scalerhost.testservers.MetricsEndpoint;
import java.time.Duration;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Start-up and footprint of the distribution with the built-in plugins in {@code plugins/}: the time
 * from process start ({@code bin/scalerhost run}) to ready (the line it logs once {@code /readyz}
 * answers 200, as the bare server is timed by the line it prints once listening), over several
 * starts, with the launcher's class data sharing archive ({@code SCALERHOST_CDS=on}, after one start
 * that writes it) and without it, on Java 25 with the AOT cache of {@code bin/scalerhost-aot-cache}
 * (made first by its training run in a copy of the distribution), once on the JDK and once on the
 * container image's runtime that {@code distribution/docker/java-runtime} makes from it (both left out
 * when no Java 25 is found, see {@link AotJdk}), and on that runtime with only the three plugins the
 * goal names ({@link AotStarts#GOAL_PLUGINS}: the goal's row), alternating with a start of the RPC
 * benchmark's bare grpc-java server on the build's Java 17 as the baseline; then the resident set size
 * after a minute of RPC load on one host.
 *
 * <p>Arguments: {@code --starts 6} (per variant), {@code --load 60} (seconds), {@code --streams 16}.
 */
public final class StartupBenchmark {

    static final double STARTUP_GOAL_SECONDS = 1.0;
    private static final Map<String, String> CDS_ON = Map.of("SCALERHOST_CDS", "on");
    private static final Map<String, String> CDS_OFF = Map.of("SCALERHOST_CDS", "off");
    static final long RSS_GOAL_MIB = 128;
    private static final long POLL_PAUSE_MILLIS = 2;
    /** The start of the line the host logs once it is ready. */
    static final String READY_LINE = "ready in ";

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
            timeToReady(distribution, endpoint, CDS_ON);
            List<AotStarts> aot = AotStarts.prepare(distribution, endpoint);
            StartSeries withCds = new StartSeries();
            StartSeries withoutCds = new StartSeries();
            List<StartSeries> withAot = aot.stream().map(variant -> new StartSeries()).toList();
            StartSeries bare = new StartSeries();
            for (int i = 0; i < starts; i++) {
                withCds.add(timeToReady(distribution, endpoint, CDS_ON));
                withoutCds.add(timeToReady(distribution, endpoint, CDS_OFF));
                StringBuilder aotStarts = new StringBuilder(aot.isEmpty() ? ", no Java 25" : "");
                for (int v = 0; v < aot.size(); v++) {
                    withAot.get(v).add(aot.get(v).timeToReady());
                    aotStarts.append(", ").append(withAot.get(v).last()).append(" on ").append(aot.get(v).label());
                }
                bare.add(timeToListen(distribution));
                System.out.printf(Locale.ROOT, "  start %d: %s with CDS, %s without%s, bare gRPC server %s%n",
                        i + 1, withCds.last(), withoutCds.last(), aotStarts, bare.last());
            }
            double median = withCds.median();
            double medianOff = withoutCds.median();
            double medianBare = bare.median();
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
                        starts, median, withCds.min(), STARTUP_GOAL_SECONDS,
                        median <= STARTUP_GOAL_SECONDS ? "met" : "not met");
                System.out.printf(Locale.ROOT, "| start to /readyz 200, median of %d, without CDS | %.3f s (min %.3f) | |%n",
                        starts, medianOff, withoutCds.min());
                System.out.printf(Locale.ROOT, "| start time with CDS / without | %.2f | |%n", median / medianOff);
                System.out.printf(Locale.ROOT, "| bare gRPC server (same JVM options, no CDS, its own jars only): start to listening, median | %.3f s | |%n",
                        medianBare);
                System.out.printf(Locale.ROOT, "| host without CDS / bare server; host with CDS / bare server | %.2f; %.2f | |%n",
                        medianOff / medianBare, median / medianBare);
                for (int v = 0; v < aot.size(); v++) {
                    double medianAot = withAot.get(v).median();
                    // The goal is the container image's with the plugins it names: the last variant.
                    String goal = v == aot.size() - 1 ? "≤ bare server: " + (medianAot <= medianBare ? "met" : "not met") : "";
                    System.out.printf(Locale.ROOT, "| start to /readyz 200, median of %d, %s with AOT cache | %.3f s (min %.3f) | %s |%n",
                            starts, aot.get(v).label(), medianAot, withAot.get(v).min(), goal);
                    System.out.printf(Locale.ROOT, "| host on %s with AOT / bare server on Java 17; / host on 17 with CDS | %.2f; %.2f | |%n",
                            aot.get(v).label(), medianAot / medianBare, medianAot / median);
                }
                StringBuilder aotLabels = new StringBuilder();
                StringBuilder aotCpu = new StringBuilder();
                for (int v = 0; v < aot.size(); v++) {
                    aotLabels.append(aot.get(v).label()).append(" with AOT; ");
                    aotCpu.append(String.format(Locale.ROOT, "%.2f; ", withAot.get(v).cpuMedian()));
                }
                System.out.printf(Locale.ROOT, "| CPU seconds used until ready, medians: host with CDS; without; %sbare server | %.2f; %.2f; %s%.2f | |%n",
                        aotLabels, withCds.cpuMedian(), withoutCds.cpuMedian(), aotCpu, bare.cpuMedian());
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
    private static StartSeries.Start timeToListen(Distribution distribution) throws java.io.IOException {
        long started = System.nanoTime();
        try (BaselineProcess bare = BaselineProcess.start(distribution)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            return new StartSeries.Start(seconds, JvmProbe.cpuSeconds(bare.pid()));
        }
    }

    /**
     * Between two reads of the host's log. The host is timed as the bare server is, by the line it
     * prints once ready, not by polling {@code /readyz}: polling over HTTP every 2 ms from this JVM
     * made each start about 0.15 s slower on this 2-core machine (every attempt on the closed port,
     * then every 503, is work on both sides while the host starts), which the bare server, timed by
     * its output, never paid (docs/benchmarks.md). Reading a small file costs neither side much.
     */
    private static void pause() {
        try {
            Thread.sleep(POLL_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the host to be ready", e);
        }
    }

    /**
     * Seconds from launching the process with {@code env} added to its environment to the line it
     * logs once {@code /readyz} answers 200 ({@value #READY_LINE}…), which one request then checks.
     */
    static StartSeries.Start timeToReady(Distribution distribution, MetricsEndpoint endpoint, Map<String, String> env) {
        long started = System.nanoTime();
        ScalerhostProcessBuilder builder = ScalerhostProcess.builder(distribution).name("bench-startup")
                .config(BenchHost.config(endpoint));
        env.forEach(builder::env);
        try (ScalerhostProcess host = builder.launch()) {
            while (!host.log().contains(READY_LINE)) {
                if (!host.isAlive()) {
                    throw host.failure("the host exited during start-up");
                }
                if (System.nanoTime() - started > Duration.ofSeconds(60).toNanos()) {
                    throw host.failure("not ready within 60 s");
                }
                pause();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            double cpu = JvmProbe.cpuSeconds(host.pid());
            int status = Http.get(host.httpPort(), "/readyz").status();
            if (status != 200) {
                throw host.failure("logged that it was ready, but /readyz answered " + status);
            }
            host.stop(Duration.ofSeconds(90));
            return new StartSeries.Start(seconds, cpu);
        }
    }
}
