package dev.scalerhost.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Looks into a running host JVM from outside: a full collection through {@code jcmd}, so that heap
 * figures compare retained memory rather than garbage, and thread and RSS figures from /proc.
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

    /** The process's resident set in KiB ({@code VmRSS:}). */
    public static long rssKib(long pid) {
        return statusField(pid, "VmRSS:");
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
