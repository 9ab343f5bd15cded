package dev.scalerhost.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Looks into a running host JVM from outside: a full collection through {@code jcmd}, so that heap
 * figures compare retained memory rather than garbage, and thread, RSS and TCP connection figures
 * from /proc.
 */
public final class JvmProbe {

    private JvmProbe() {
    }

    /** Runs {@code jcmd PID GC.run} with the test JVM's own JDK. */
    public static void fullGc(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.run")
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("jcmd " + pid + " GC.run failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + jcmd + "; the JDK's jcmd is needed to compare heap sizes", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }

    /** Heap bytes in use right after a full collection, as the host's /metrics reports them. */
    public static long retainedHeapBytes(ScalerhostProcess host) {
        fullGc(host.pid());
        return MetricsText.scrape(host).value("jvm_memory_used_bytes{area=\"heap\"}")
                .map(Double::longValue)
                .orElseThrow(() -> host.failure("/metrics has no jvm_memory_used_bytes{area=\"heap\"}"));
    }

    /** The process's live threads ({@code Threads:} of /proc/PID/status). */
    public static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    /**
     * Waits until the process runs at most {@code limit} threads and returns the last count, which is
     * above the limit only if {@code bound} ran out. Idle pool threads (grpc's executor keeps them for
     * a minute) go away by themselves; leaked ones do not.
     */
    public static long awaitThreadsAtMost(long pid, long limit, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        long threads = threads(pid);
        while (threads > limit && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return threads;
            }
            threads = threads(pid);
        }
        return threads;
    }

    /**
     * The CPU time the process used so far, user and system, in seconds ({@code utime} and {@code stime}
     * of /proc/PID/stat, at Linux's 100 ticks a second). A launcher that execs the JVM keeps its pid and
     * its own CPU time counts in.
     */
    public static double cpuSeconds(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stat, e);
        }
    }

    /** The process's resident set in KiB ({@code VmRSS:}). */
    public static long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /**
     * The process's established TCP connections to {@code remotePort} (on any address, IPv4 or IPv6):
     * the rows of /proc/PID/net/tcp and tcp6 in state 01 whose remote port matches and whose socket
     * the process holds open. Those tables list every socket of the network namespace, the test
     * JVM's own included, hence the match on the socket inodes of /proc/PID/fd.
     */
    public static int establishedConnections(long pid, int remotePort) {
        Path proc = Path.of("/proc", Long.toString(pid));
        Set<Long> sockets = socketInodes(proc.resolve("fd"));
        int count = 0;
        for (String table : List.of("tcp", "tcp6")) {
            Path file = proc.resolve("net").resolve(table);
            try {
                count += countEstablished(Files.readAllLines(file, StandardCharsets.US_ASCII), remotePort, sockets);
            } catch (NoSuchFileException noIpv6) {
                // A kernel without IPv6 has no tcp6 table; nothing to count there.
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return count;
    }

    /**
     * Counts the rows of a /proc/net/tcp or tcp6 table ({@code sl local_address rem_address st ...
     * inode ...}, addresses as hex {@code ADDR:PORT}) that are established (st 01), go to
     * {@code remotePort} and belong to one of {@code sockets}. The header row is skipped.
     */
    static int countEstablished(List<String> rows, int remotePort, Set<Long> sockets) {
        int count = 0;
        for (String row : rows) {
            String[] fields = row.strip().split("\\s+");
            if (fields.length < 10 || !fields[0].endsWith(":")) {
                continue;
            }
            String remote = fields[2];
            int port = Integer.parseInt(remote.substring(remote.lastIndexOf(':') + 1), 16);
            if (port == remotePort && "01".equals(fields[3]) && sockets.contains(Long.parseLong(fields[9]))) {
                count++;
            }
        }
        return count;
    }

    /** The inodes of the sockets among the open file descriptors in {@code fdDir} (links {@code socket:[INODE]}). */
    private static Set<Long> socketInodes(Path fdDir) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDir)) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (NoSuchFileException closedMeanwhile) {
                    continue;
                }
                if (target.startsWith("socket:[") && target.endsWith("]")) {
                    inodes.add(Long.parseLong(target.substring("socket:[".length(), target.length() - 1)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + fdDir + "; reading another process's descriptors needs"
                    + " the same user or root", e);
        }
        return inodes;
    }

    private static long statusField(long pid, String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return lines.stream().filter(line -> line.startsWith(field))
                    .map(line -> Long.parseLong(line.substring(field.length()).strip().split("\\s+")[0]))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no " + field + " in /proc/" + pid + "/status"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/status", e);
        }
    }
}
