package dev.scalerhost.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutOfMemoryNoteTest {

    @TempDir
    Path directory;

    private String note(Path file) throws Exception {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).replace("\0", "");
    }

    @Test
    void theNoteNamesThePluginCallInFlightAndNoneOnceItReturned() throws Exception {
        Path file = directory.resolve("scalerhost.oom");
        System.setProperty(OutOfMemoryNote.PROPERTY, file.toString());
        try {
            OutOfMemoryNote.start();
            PluginCalls.InFlight call = PluginCalls.begin("note-test", "plugin plugins/note (type note-test)", "measure",
                    System.nanoTime() + 1_000_000_000L);
            assertThat(note(file)).startsWith("scalerhost: the Java heap is exhausted; the process exits with code 3. "
                    + "The last plugin call in flight: measure of plugin plugins/note (type note-test) on thread "
                    + Thread.currentThread().getName() + ".").endsWith("\n");
            PluginCalls.end(call);
            assertThat(note(file)).startsWith("scalerhost: the Java heap is exhausted").doesNotContain("note-test");
        } finally {
            System.clearProperty(OutOfMemoryNote.PROPERTY);
        }
    }
}
