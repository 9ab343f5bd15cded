package dev.scalerhost.host.config;

import java.util.Objects;

/**
 * A YAML scalar, after substitution.
 *
 * @param location where the scalar is
 * @param type     what YAML made of it
 * @param text     the text as written (or as substituted); empty for {@link Type#NULL} and
 *                 {@link Type#INVALID}
 * @param number   the value of a {@link Type#NUMBER}, else {@code null}
 * @param secret   whether any part came from a substitution: such a value is never printed
 */
public record ScalarNode(Location location, Type type, String text, Number number, boolean secret)
        implements ConfigNode {

    /** What YAML made of a scalar. */
    public enum Type {
        STRING,
        NUMBER,
        BOOLEAN,
        /** {@code ~}, {@code null} or nothing after the colon. */
        NULL,
        /** A substitution failed; its problem is already recorded, so readers stay silent. */
        INVALID
    }

    public ScalarNode {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(text, "text");
        if ((type == Type.NUMBER) != (number != null)) {
            throw new IllegalArgumentException("a NUMBER scalar needs a number, and only a NUMBER has one");
        }
    }

    public static ScalarNode string(Location location, String text, boolean secret) {
        return new ScalarNode(location, Type.STRING, text, null, secret);
    }

    public static ScalarNode invalid(Location location) {
        return new ScalarNode(location, Type.INVALID, "", null, true);
    }

    /** The value for a message: quoted, or a placeholder when it is secret. */
    public String shown() {
        return secret ? "a substituted value (not shown)" : "'" + text + "'";
    }

    @Override
    public String kind() {
        return type == Type.NULL ? "nothing" : "a value";
    }

    @Override
    public String toString() {
        return "ScalarNode[" + location + ", " + type + (secret ? ", secret]" : ", " + text + "]");
    }
}
