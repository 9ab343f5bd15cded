package dev.scalerhost.host.config;

/**
 * Where something is in a configuration file, 1-based; {@link #UNKNOWN} for values that did not
 * come from a file (defaults, maps built in tests).
 *
 * @param line   the line, 1-based, or 0 if unknown
 * @param column the column, 1-based, or 0 if unknown
 */
public record Location(int line, int column) {

    public static final Location UNKNOWN = new Location(0, 0);

    public Location {
        if (line < 0 || column < 0) {
            throw new IllegalArgumentException("line and column must be >= 0, got " + line + ":" + column);
        }
    }

    public boolean isKnown() {
        return line > 0;
    }

    @Override
    public String toString() {
        return isKnown() ? "line " + line + ", column " + column : "unknown location";
    }
}
