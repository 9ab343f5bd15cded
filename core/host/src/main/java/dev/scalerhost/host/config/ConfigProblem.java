package dev.scalerhost.host.config;

import java.util.Objects;

/**
 * One problem of a configuration file.
 *
 * @param path    the dotted path of the key, e.g. {@code serviceTypes.ingest-logs.topic}; empty for
 *                the whole file
 * @param line    the line, 1-based, or 0 if unknown
 * @param column  the column, 1-based, or 0 if unknown
 * @param message what is wrong and, where possible, what to do
 */
public record ConfigProblem(String path, int line, int column, String message) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    public ConfigProblem(String path, Location location, String message) {
        this(path, location.line(), location.column(), message);
    }

    /** One line of a report: {@code path (line 12, column 5): message}. */
    public String render() {
        StringBuilder out = new StringBuilder(path);
        if (line > 0) {
            out.append(path.isEmpty() ? "" : " ").append("(line ").append(line).append(", column ").append(column).append(')');
        }
        return (out.isEmpty() ? "" : out + ": ") + message;
    }
}
