package dev.scalerhost.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes a test's config file with its tokens filled in, either as a plain file replaced atomically
 * or the way the kubelet maintains a ConfigMap volume: {@code <dir>/<name>} links to
 * {@code ..data/<name>}, {@code ..data} links to a timestamped directory, and an update writes a new
 * directory and renames a new {@code ..data} link over the old one.
 */
final class ConfigWriter {

    private final Path file;
    private final boolean configMapVolume;
    private final Map<String, String> tokens;
    private final AtomicInteger versions = new AtomicInteger();

    ConfigWriter(Path file, boolean configMapVolume, Map<String, String> tokens) {
        this.file = file;
        this.configMapVolume = configMapVolume;
        this.tokens = Map.copyOf(tokens);
    }

    Path file() {
        return file;
    }

    synchronized void write(String yaml) {
        String text = yaml;
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            text = text.replace(token.getKey(), token.getValue());
        }
        try {
            if (configMapVolume) {
                swapVersion(text);
            } else {
                Path next = file.resolveSibling(file.getFileName() + ".next");
                Files.writeString(next, text, StandardCharsets.UTF_8);
                Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void swapVersion(String text) throws IOException {
        Path volume = Files.createDirectories(file.getParent());
        String version = "..version_" + versions.incrementAndGet();
        Files.createDirectories(volume.resolve(version));
        Files.writeString(volume.resolve(version).resolve(file.getFileName()), text, StandardCharsets.UTF_8);
        Path link = volume.resolve("..data_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, Path.of(version));
        Files.move(link, volume.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (!Files.isSymbolicLink(file)) {
            Files.createSymbolicLink(file, Path.of("..data").resolve(file.getFileName()));
        }
    }
}
