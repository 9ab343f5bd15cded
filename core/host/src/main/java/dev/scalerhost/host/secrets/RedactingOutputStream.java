package dev.scalerhost.host.secrets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An output stream that holds each line until its end (or a flush) and writes it with every
 * {@link Secrets secret} replaced. Installed as {@code System.out} and {@code System.err} it is the one
 * point every line of the process passes: the host's log (whatever logger wrote it, the plugins'
 * included, and the stack traces in it), {@code check}'s table, and whatever a plugin prints itself.
 *
 * <p>Works on bytes, matching each secret's UTF-8 form, so that output in any ASCII-compatible
 * encoding passes unchanged unless it holds a secret.
 */
public final class RedactingOutputStream extends OutputStream {

    private static final byte[] MASK = Secrets.MASK.getBytes(StandardCharsets.UTF_8);
    /** A line longer than this is written in parts (a secret across the cut is then not found). */
    private static final int MAX_LINE = 64 * 1024;

    private final OutputStream sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    private List<String> cachedFor = List.of();
    private List<byte[]> secrets = List.of();

    public RedactingOutputStream(OutputStream sink) {
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Makes {@code System.out} and {@code System.err} redact secrets; idempotent. */
    public static synchronized void installOnSystemStreams() {
        if (!(System.out instanceof Redacting)) {
            System.setOut(new Redacting(System.out));
        }
        if (!(System.err instanceof Redacting)) {
            System.setErr(new Redacting(System.err));
        }
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n' || line.size() >= MAX_LINE) {
            writeLine();
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                line.write(bytes, start, i + 1 - start);
                writeLine();
                start = i + 1;
            }
        }
        line.write(bytes, start, end - start);
        if (line.size() >= MAX_LINE) {
            writeLine();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        writeLine();
        sink.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        sink.close();
    }

    private void writeLine() throws IOException {
        if (line.size() == 0) {
            return;
        }
        byte[] bytes = line.toByteArray();
        line.reset();
        sink.write(redact(bytes));
    }

    private byte[] redact(byte[] bytes) {
        List<String> values = Secrets.values();
        if (values.isEmpty()) {
            return bytes;
        }
        if (values != cachedFor) {
            List<byte[]> encoded = new ArrayList<>(values.size());
            values.forEach(value -> encoded.add(value.getBytes(StandardCharsets.UTF_8)));
            secrets = encoded;
            cachedFor = values;
        }
        byte[] result = bytes;
        for (byte[] secret : secrets) {
            result = replace(result, secret);
        }
        return result;
    }

    private static byte[] replace(byte[] bytes, byte[] secret) {
        int at = indexOf(bytes, secret, 0);
        if (at < 0) {
            return bytes;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        int from = 0;
        while (at >= 0) {
            out.write(bytes, from, at - from);
            out.write(MASK, 0, MASK.length);
            from = at + secret.length;
            at = indexOf(bytes, secret, from);
        }
        out.write(bytes, from, bytes.length - from);
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] secret, int from) {
        outer:
        for (int i = from; i <= bytes.length - secret.length; i++) {
            for (int j = 0; j < secret.length; j++) {
                if (bytes[i + j] != secret[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The print stream installed on the system streams, recognisable so it is installed once. */
    private static final class Redacting extends PrintStream {
        Redacting(PrintStream original) {
            super(new RedactingOutputStream(original), true);
        }
    }
}
