package dev.scalerhost.host.plugin;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one line naming the plugin call in flight in a memory-mapped file, for the moment the heap
 * runs out. With {@code -XX:+ExitOnOutOfMemoryError} no Java code runs after an
 * {@link OutOfMemoryError}; the launcher's {@code -XX:OnOutOfMemoryError} command, which the JVM runs
 * just before it exits, prints the file. Writing it is a memory copy, no system call, so it costs
 * plugin calls nothing measurable.
 */
public final class OutOfMemoryNote {

    /** The system property naming the file; the launcher sets it. */
    public static final String PROPERTY = "scalerhost.oomNote";

    private static final Logger LOG = LoggerFactory.getLogger(OutOfMemoryNote.class);
    private static final int SIZE = 1024;
    private static final String PREFIX = "scalerhost: the Java heap is exhausted; the process exits with code 3. ";
    private static MappedByteBuffer note;

    private OutOfMemoryNote() {
    }

    /** Starts keeping the note in the file the system property {@value #PROPERTY} names, if set. */
    public static synchronized void start() {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank() || note != null) {
            return;
        }
        Path path = Path.of(file);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            note = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
            path.toFile().deleteOnExit();
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
        note.put(0, bytes, 0, length);
        for (int i = length; i < SIZE; i++) {
            note.put(i, (byte) 0);
        }
    }
}
