package dev.scalerhost.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;

/**
 * One run of the demo: starts Kafka and PostgreSQL, the host from the built distribution, and the
 * workload, then draws KEDA's view every {@link #ROUND} until the duration has passed or
 * {@link #close()} is called (from the shutdown hook on Ctrl-C or SIGTERM). {@link #close()} stops,
 * in this order, the workload, the host (SIGTERM, then wait), the broker and the database.
 */
final class Demo implements AutoCloseable {

    static final Duration ROUND = Duration.ofSeconds(2);
    private static final Duration HOST_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration RUN_FINISH_TIMEOUT = Duration.ofMinutes(2);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** The run was stopped while it was still starting. */
    static final class StoppedException extends Exception {
        private static final long serialVersionUID = 1L;

        StoppedException() {
            super("stopped while starting");
        }
    }

    private final DemoOptions options;
    private final PrintStream out;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch runFinished = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Backends backends;
    private volatile HostProcess host;
    private volatile KafkaWorkload kafkaWorkload;
    private volatile QueueWorkload queueWorkload;
    private volatile ScalerPoller poller;
    private volatile List<ScalerRow> lastTable = List.of();
    private final ChildProcesses children;

    Demo(DemoOptions options, PrintStream out) {
        this.options = Objects.requireNonNull(options, "options");
        this.out = Objects.requireNonNull(out, "out");
        this.children = new ChildProcesses(options.workDir().resolve("children.pids"));
    }

    /** Starts everything and draws the table until the duration passes or {@link #close()} is called. */
    void run() throws Exception {
        try {
            showTable(start().serviceTypes());
        } finally {
            runFinished.countDown();
        }
    }

    /** The rows of the last table drawn; empty before the first. */
    List<ScalerRow> lastTable() {
        return lastTable;
    }

    private LakerunnerConfig start() throws Exception {
        Ports.requireFree(options.bindAddress(), options.grpcPort(), "gRPC", "--grpc-port");
        Ports.requireFree(options.bindAddress(), options.httpPort(), "HTTP", "--http-port");
        Path shipped = options.distribution().resolve("config").resolve("lakerunner.yaml");
        LakerunnerConfig config = LakerunnerConfig.read(shipped);
        Banner banner = new Banner(out, options);
        banner.starting();

        backends = Backends.start();
        banner.backends(backends);
        checkNotStopped();
        KafkaWorkload.createTopics(backends.broker().bootstrapServers(), config.kafka());
        WorkQueueDatabase database = WorkQueueDatabase.create(backends.postgres());
        checkNotStopped();

        Path hostConfig = config.writeWithListeners(options.workDir().resolve("lakerunner-demo.yaml"),
                options.bindAddress(), options.grpcPort(), options.httpPort());
        host = HostProcess.start(options.distribution(), hostConfig, Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", backends.broker().bootstrapServers(),
                "LAKERUNNER_DB_URL", database.jdbcUrl(),
                "LAKERUNNER_DB_USER", database.scalerUser(),
                "LAKERUNNER_DB_PASSWORD", database.scalerPassword()), options.workDir().resolve("scalerhost.log"));
        host.awaitReady(URI.create("http://" + Banner.clientHost(options) + ":" + options.httpPort() + "/readyz"),
                HOST_READY_TIMEOUT);
        children.record(host, options.distribution(), backends);
        banner.host(host, shipped, hostConfig);
        checkNotStopped();

        kafkaWorkload = KafkaWorkload.start(backends.broker().bootstrapServers(), config.kafka());
        queueWorkload = QueueWorkload.start(database, config.queue());
        poller = new ScalerPoller(Banner.clientHost(options), options.grpcPort());
        poller.connect(config.kafka().get(0).serviceType(), HOST_READY_TIMEOUT);
        banner.workload(config);
        banner.tryIt(config.kafka().get(0).serviceType());
        return config;
    }

    private void checkNotStopped() throws StoppedException {
        if (stopRequested.getCount() == 0) {
            throw new StoppedException();
        }
    }

    private void showTable(List<String> serviceTypes) throws IOException, InterruptedException {
        TableView view = new TableView(out, options.display());
        StatusFigures statusFigures = new StatusFigures(Banner.clientHost(options), options.httpPort());
        long started = System.nanoTime();
        long end = options.duration().map(d -> started + d.toNanos()).orElse(Long.MAX_VALUE);
        long nextRound = started;
        while (!stopRequested.await(Math.max(0, nextRound - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            if (!host.isAlive()) {
                throw new IOException("scalerhost stopped unexpectedly. Its log (" + host.logFile()
                        + ") ends with:\n" + host.logTail());
            }
            List<ScalerRow> rows = poller.poll(serviceTypes);
            Map<String, Map<String, Double>> figures = statusFigures.read();
            if (stopRequested.getCount() == 0) {
                return;
            }
            Duration up = Duration.ofNanos(System.nanoTime() - started);
            view.draw(String.format("%s  up %d:%02d  KEDA's view from gRPC %s:%d (GetMetricSpec, GetMetrics, IsActive)",
                    LocalTime.now().format(CLOCK), up.toMinutes(), up.toSecondsPart(),
                    Banner.clientHost(options), options.grpcPort()), rows, figures);
            lastTable = List.copyOf(rows);
            if (System.nanoTime() >= end) {
                return;
            }
            nextRound += ROUND.toNanos();
        }
    }

    /**
     * Stops whatever was started, in order. It first lets {@link #run()} finish (a start in progress
     * completes its step, so a server being started is not left behind; a polling round is cut short),
     * then stops the workload, the host, the broker and the database. Safe to call more than once and
     * from any thread.
     */
    @Override
    public void close() {
        stopRequested.countDown();
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(poller);
        try {
            runFinished.await(RUN_FINISH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (backends == null) {
            return;
        }
        out.println();
        out.print("Stopping: workload");
        out.flush();
        closeQuietly(queueWorkload);
        closeQuietly(kafkaWorkload);
        if (host != null) {
            out.print(", scalerhost");
            out.flush();
            host.close();
        }
        out.print(", Kafka and PostgreSQL");
        out.flush();
        backends.close();
        children.clear();
        out.println(". Done.");
        out.flush();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LoggerFactory.getLogger(Demo.class).warn("stopping {}: {}", closeable, e.toString());
        }
    }
}
