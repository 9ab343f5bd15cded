package dev.scalerhost.host.plugin;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one line naming the plugin call in flight in a file, for the moment the heap runs out. With
 * {@code -XX:+ExitOnOutOfMemoryError} no Java code runs after an {@link OutOfMemoryError}; the
 * launcher's {@code -XX:OnOutOfMemoryError} command, which the JVM runs just before it exits, prints
 * the file. The line is written over the start of the file at each plugin call's start and end (a
 * measurement every few seconds, never an RPC), so it is in the file whenever the heap runs out.
 *
 * <p>A plain write rather than a memory-mapped file: mapping one made the JDK set up its mapped
 * buffers by reflection, about 30 ms of CPU at every start (docs/benchmarks.md). A
 * {@link RandomAccessFile}, unlike a {@code FileChannel}, is not closed when a writing thread is
 * interrupted, and plugin calls run on threads that are.
 */
public final class OutOfMemoryNote {

    /** The system property naming the file; the launcher sets it. */
    public static final String PROPERTY = "scalerhost.oomNote";

    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryNote.class);
    private static final int SIZE = 1024;
    private static final String PREFIX = "scalerhost: the Java heap is exhausted; the process exits with code 3. ";
    private static final byte[] LINE = new byte[SIZE];
    private static RandomAccessFile note;

    private OutOfMemoryNote() {
    }

    /** Starts keeping the note in the file the system property {@value #PROPERTY} names, if set. */
    public static synchronized void start() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank() || note != null) {
            return;
        }
        File path = new File(file);
        try {
            RandomAccessFile opened = new RandomAccessFile(path, "rw");
            try {
                opened.setLength(0);
            } catch (IOException e) {
                opened.close();
                throw e;
            }
            path.deleteOnExit();
            note = opened;
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot keep the out-of-memory note in {}: {}", path, e.toString());
            return;
        }
        update();
    }

    /** Writes the line for the calls in flight now. */
    static synchronized void update() {
        if (note == null) {
            return;
        }
        String line = PREFIX + PluginCalls.latest()
                .map(call -> "The last plugin call in flight: " + call + ".")
                .orElse("No plugin call was in flight.") + "\n";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(bytes.length, SIZE);
        // The whole block each time, so that a shorter line leaves no end of a longer one behind.
        System.arraycopy(bytes, 0, LINE, 0, length);
        Arrays.fill(LINE, length, SIZE, (byte) 0);
        try {
            note.seek(0);
            note.write(LINE);
        } catch (IOException e) {
            LOG.debug("cannot write the out-of-memory note: {}", e.toString());
        }
    }
}
