package dev.scalerhost.plugin.starter;

import dev.scalerhost.spi.Metric;
import java.nio.file.Path;
import java.nio.file.PathMatcher;

/**
 * One binding: the regular files in {@code directory} whose names match {@code glob}.
 *
 * @param directory the absolute, normalized directory
 * @param glob      the pattern as written, for messages
 * @param matcher   the compiled pattern, applied to file names
 */
record FileCount(Path directory, String glob, PathMatcher matcher) implements Metric {

    @Override
    public String describe() {
        return "files matching '" + glob + "' in " + directory;
    }
}
