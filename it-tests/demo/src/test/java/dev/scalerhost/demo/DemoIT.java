package dev.scalerhost.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo as {@code ./demo} runs it (its own JVM, the build's classpath, plain output), for a
 * short {@code --duration}, and checks what a user would: the table shows lag and queue depth rising
 * and falling, the host answers on its HTTP port meanwhile, the demo exits 0 by itself, and no process
 * it started outlives it.
 */
class DemoIT {

    private static final Duration RUN = Duration.ofSeconds(35);
    private static final Duration EXIT_TIMEOUT = RUN.plusSeconds(150);
    /** A table row: SERVICE TYPE, VALUE, LAG S, NEEDS, TARGET, DESIRED, ACTIVE ("-" where a column has no figure). */
    private static final Pattern ROW = Pattern.compile("^([a-z0-9-]+)\\s+(\\d+(?:\\.\\d+)?)\\s+(?:\\d+(?:\\.\\d+)?|-)"
            + "\\s+(?:\\d+(?:\\.\\d+)?|-)\\s+(\\d+(?:\\.\\d+)?)\\s+(\\d+)\\s+(yes|no)\\b.*$");
    private static final Pattern KAFKA_LOG = Pattern.compile("log: (\\S+)/server\\.log");
    private static final Pattern POSTGRES_DATA = Pattern.compile("data: (\\S+)");

    @Test
    void showsLagAndQueueDepthRiseAndFallThenStopsEverythingItStarted() throws Exception {
        Path work = Path.of(System.getProperty("scalerhost.demo.work"));
        Files.createDirectories(work);
        Path output = work.resolve("demo-output.txt");
        int grpcPort = freePort();
        int httpPort = freePort();
        Process demo = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classpath(),
                DemoMain.class.getName(), "--duration", RUN.toSeconds() + "s", "--display", "plain",
                "--grpc-port", Integer.toString(grpcPort), "--http-port", Integer.toString(httpPort),
                "--work-dir", work.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();

        Set<ProcessHandle> started = new HashSet<>();
        boolean statusServed = false;
        try {
            long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
            while (demo.isAlive() && System.nanoTime() < deadline) {
                demo.descendants().forEach(started::add);
                if (!statusServed && read(output).contains("scalerhost ready")) {
                    assertThat(get(httpPort, "/status")).contains("worker-ingest-logs", "ingest-logs");
                    statusServed = true;
                }
                Thread.sleep(250);
            }
            assertThat(demo.isAlive()).as("the demo still runs %s s after it started; output:\n%s",
                    EXIT_TIMEOUT.toSeconds(), read(output)).isFalse();
        } finally {
            stop(demo);
        }
        String text = read(output);
        assertThat(demo.exitValue()).as("exit code; output:\n%s", text).isZero();
        assertThat(statusServed).as("GET /status answered while the demo ran; output:\n%s", text).isTrue();

        Map<String, List<Double>> values = values(text);
        assertThat(values).as("table rows in:\n%s", text).hasSize(18);
        assertThat(risenAndFallen(values, false)).as("Kafka serviceTypes whose lag rose above 0 and fell to half "
                + "its peak or less, in:\n%s", text).isNotEmpty();
        assertThat(risenAndFallen(values, true)).as("work-queue serviceTypes whose depth rose above 0 and fell "
                + "to half its peak or less, in:\n%s", text).isNotEmpty();

        assertThat(started).as("processes the demo started").isNotEmpty();
        assertThat(stillRunningAfter(started, Duration.ofSeconds(15))).as("processes left running").isEmpty();
        List<String> marks = new ArrayList<>(List.of(
                Path.of(System.getProperty("scalerhost.demo.classes")).getParent().resolve("distribution").toString()));
        find(KAFKA_LOG, text).ifPresent(marks::add);
        find(POSTGRES_DATA, text).ifPresent(marks::add);
        assertThat(marks).as("the broker's and the database's directories in the output").hasSize(3);
        for (String mark : marks) {
            assertThat(ProcessHandle.allProcesses()
                    .filter(p -> p.info().commandLine().map(c -> c.contains(mark)).orElse(false))
                    .map(p -> p.pid() + " " + p.info().commandLine().orElse("")).toList())
                    .as("processes still running that mention %s", mark).isEmpty();
        }
    }

    /**
     * The processes of {@code started} still running after waiting up to {@code patience} for them to
     * end. Orphans are re-parented to PID 1, which in some sandboxes reaps them late: a zombie has
     * ended and does not count.
     */
    private static List<Long> stillRunningAfter(Set<ProcessHandle> started, Duration patience)
            throws InterruptedException {
        long deadline = System.nanoTime() + patience.toNanos();
        List<Long> running = running(started);
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            running = running(started);
        }
        return running;
    }

    private static List<Long> running(Set<ProcessHandle> processes) {
        return processes.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid)
                .filter(pid -> !hasEnded(pid)).sorted().toList();
    }

    /** Whether the process is gone or a zombie (ended, not yet reaped). */
    private static boolean hasEnded(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException gone) {
            return true;
        }
    }

    /** The demo's own graceful stop (SIGTERM) if it still runs, then the whole tree is killed. */
    private static void stop(Process demo) throws InterruptedException {
        if (!demo.isAlive()) {
            return;
        }
        List<ProcessHandle> tree = demo.descendants().toList();
        demo.destroy();
        if (!demo.waitFor(60, TimeUnit.SECONDS)) {
            demo.destroyForcibly();
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** The serviceTypes (work-queue ones, or Kafka ones) whose value rose above 0 and later fell to half or less. */
    private static List<String> risenAndFallen(Map<String, List<Double>> values, boolean workQueue) {
        List<String> found = new ArrayList<>();
        values.forEach((serviceType, series) -> {
            if (serviceType.startsWith("worker-") != workQueue) {
                return;
            }
            double peak = 0;
            for (double value : series) {
                peak = Math.max(peak, value);
                if (peak > 0 && value <= peak / 2) {
                    found.add(serviceType);
                    return;
                }
            }
        });
        return found;
    }

    /** Each serviceType's values, one per table drawn, in order; rows with errors are left out. */
    private static Map<String, List<Double>> values(String output) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (String line : output.lines().toList()) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                values.computeIfAbsent(row.group(1), k -> new ArrayList<>()).add(Double.parseDouble(row.group(2)));
            }
        }
        return values;
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static String classpath() throws IOException {
        Path classes = Path.of(System.getProperty("scalerhost.demo.classes"));
        Path file = Path.of(System.getProperty("scalerhost.demo.classpath"));
        return classes + File.pathSeparator + Files.readString(file, StandardCharsets.UTF_8).strip();
    }

    private static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
