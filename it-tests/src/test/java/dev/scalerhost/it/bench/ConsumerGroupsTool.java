package dev.scalerhost.it.bench;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.tools.consumer.group.ConsumerGroupCommand;

/**
 * Kafka's own {@code kafka-consumer-groups.sh --describe --all-groups}, run in this JVM through the
 * tool's main entry point. Its table goes to a line counter instead of the terminal, so the time
 * measured is the tool's work, not a terminal's.
 */
final class ConsumerGroupsTool {

    /** One run: wall time and the number of lines the tool printed. */
    record Run(long nanos, long lines) {
    }

    private final String bootstrapServers;

    ConsumerGroupsTool(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    synchronized Run describeAllGroups() {
        LineCounter counter = new LineCounter();
        PrintStream original = System.out;
        long start = System.nanoTime();
        try (PrintStream captured = new PrintStream(counter, false, StandardCharsets.UTF_8)) {
            System.setOut(captured);
            ConsumerGroupCommand.main(new String[] {"--bootstrap-server", bootstrapServers, "--describe", "--all-groups",
                "--timeout", "60000"});
            captured.flush();
        } finally {
            System.setOut(original);
        }
        return new Run(System.nanoTime() - start, counter.lines);
    }

    private static final class LineCounter extends OutputStream {
        private long lines;

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
