package dev.scalerhost.host.config;

import java.math.BigInteger;
import java.util.Locale;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * What a YAML scalar is: YAML 1.1's implicit types as SnakeYAML's resolver finds them (or an explicit
 * {@code !!int}, {@code !!float}, {@code !!bool}, {@code !!null} tag), decoded as Jackson's YAML
 * parser decodes them, which is how the host read configurations before it read them with SnakeYAML
 * alone: binary, octal and hexadecimal integers, underscores between digits, {@code yes}/{@code no}/
 * {@code on}/{@code off} as booleans, and no sexagesimal numbers ({@code 1:30} stays text). Unlike
 * Jackson's parser, it reads {@code .inf} and {@code .nan} as the numbers YAML says they are.
 *
 * <p>Not through Jackson because its parser's first use initialises {@code BigDecimal}, which on Java
 * 24+ computes a table of powers of five: about 15 ms of every start (docs/benchmarks.md).
 */
final class YamlScalars {

    private static final Resolver RESOLVER = new Resolver();
    private static final String STANDARD_TAG = "tag:yaml.org,2002:";

    /**
     * A scalar's type and, for a number, its value.
     *
     * @param type   {@link ScalarNode.Type#STRING}, {@code NUMBER}, {@code BOOLEAN}, {@code NULL}, or
     *               {@code INVALID} for a {@code !!binary} value, which the host does not read
     * @param number an {@link Integer}, {@link Long}, {@link BigInteger} or {@link Double} for a number,
     *               else {@code null}
     */
    record Typed(ScalarNode.Type type, Number number) {

        static final Typed STRING = new Typed(ScalarNode.Type.STRING, null);
        static final Typed BOOLEAN = new Typed(ScalarNode.Type.BOOLEAN, null);
        static final Typed NULL = new Typed(ScalarNode.Type.NULL, null);
        static final Typed BINARY = new Typed(ScalarNode.Type.INVALID, null);
    }

    /** A scalar YAML calls a number that is none: {@code .inf}, {@code 0x_}, {@code !!int abc}. */
    static final class MalformedNumber extends Exception {

        MalformedNumber(String message) {
            super(message, null, false, false);
        }
    }

    private YamlScalars() {
    }

    /** Digits and signs a number may have, as Jackson's parser allowed: a longer one takes long to convert. */
    static final int MAX_NUMBER_LENGTH = 1000;

    static Typed type(ScalarEvent scalar) throws MalformedNumber {
        String value = scalar.getValue();
        String tag = scalar.getTag();
        if (tag == null || tag.equals("!")) {
            Tag implicit = RESOLVER.resolve(NodeId.scalar, value, scalar.getImplicit().canOmitTagInPlainScalar());
            if (implicit == Tag.INT) {
                return integer(value);
            }
            if (implicit == Tag.FLOAT) {
                return decimal(value);
            }
            if (implicit == Tag.BOOL) {
                return bool(value) ? Typed.BOOLEAN : Typed.STRING;
            }
            return implicit == Tag.NULL ? Typed.NULL : Typed.STRING;
        }
        String name = tag.startsWith(STANDARD_TAG) ? tag.substring(STANDARD_TAG.length()) : tag;
        int comma = name.indexOf(',');
        if (comma >= 0) {
            name = name.substring(0, comma);
        }
        if (name.equals("binary")) {
            return Typed.BINARY;
        }
        if (name.equals("bool")) {
            return bool(value) ? Typed.BOOLEAN : Typed.STRING;
        }
        if (value.isEmpty()) {
            return Typed.STRING;
        }
        return switch (name) {
            case "int" -> integer(value);
            case "float" -> decimal(value);
            case "null" -> Typed.NULL;
            default -> Typed.STRING;
        };
    }

    /** Whether the word is one Jackson's parser read as a boolean (the keys themselves take only true and false). */
    private static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "y", "n", "yes", "no", "on", "off", "true", "false" -> true;
            default -> false;
        };
    }

    private static Typed integer(String value) throws MalformedNumber {
        requireLength(value);
        boolean negative = value.startsWith("-");
        int digits = negative || value.startsWith("+") ? 1 : 0;
        if (digits == value.length()) {
            return Typed.STRING;
        }
        if (value.charAt(digits) == '0') {
            if (digits + 1 == value.length()) {
                return number(0);
            }
            char radix = value.charAt(digits + 1);
            return switch (radix) {
                case 'b', 'B' -> radix(value, digits + 2, 2, negative);
                case 'x', 'X' -> radix(value, digits + 2, 16, negative);
                case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '_' -> radix(value, digits + 1, 8, negative);
                default -> Typed.STRING;
            };
        }
        for (int i = digits; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && c != '_') {
                return Typed.STRING;
            }
        }
        String cleaned = withoutUnderscores(value, value.startsWith("+") ? 1 : 0);
        if (cleaned.isEmpty() || cleaned.equals("-")) {
            throw new MalformedNumber("Invalid number ('" + value + "')");
        }
        return number(new BigInteger(cleaned));
    }

    private static Typed radix(String value, int from, int radix, boolean negative) throws MalformedNumber {
        String digits = withoutUnderscores(value, from);
        try {
            BigInteger magnitude = new BigInteger(digits, radix);
            return number(negative ? magnitude.negate() : magnitude);
        } catch (NumberFormatException e) {
            throw new MalformedNumber("Invalid base-" + radix + " number ('" + digits + "')");
        }
    }

    private static Typed decimal(String value) throws MalformedNumber {
        if (value.indexOf(':') >= 0) {
            // Sexagesimal (1:30.5), as integers are: more likely a time or an address than a number.
            return Typed.STRING;
        }
        String word = value.toLowerCase(Locale.ROOT);
        if (word.equals(".inf") || word.equals("+.inf") || word.equals("-.inf") || word.equals(".nan")) {
            // YAML's infinities and NaN, which Jackson's parser rejected as malformed numbers: they are
            // numbers, and the key that reads one says whether it takes them.
            return new Typed(ScalarNode.Type.NUMBER, word.equals(".nan") ? Double.NaN
                    : word.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
        }
        requireLength(value);
        String cleaned = value.indexOf('_') < 0 ? value : withoutUnderscores(value, value.startsWith("+") ? 1 : 0);
        try {
            return new Typed(ScalarNode.Type.NUMBER, Double.parseDouble(cleaned));
        } catch (NumberFormatException e) {
            throw new MalformedNumber("Malformed numeric value '" + value + "'");
        }
    }

    private static void requireLength(String value) throws MalformedNumber {
        if (value.length() > MAX_NUMBER_LENGTH) {
            throw new MalformedNumber("a number of more than " + MAX_NUMBER_LENGTH + " characters");
        }
    }

    /** The smallest of {@link Integer}, {@link Long} and {@link BigInteger} that holds {@code value}. */
    private static Typed number(BigInteger value) {
        int bits = value.bitLength();
        Number number = bits < Integer.SIZE ? Integer.valueOf(value.intValue())
                : bits < Long.SIZE ? Long.valueOf(value.longValue()) : value;
        return new Typed(ScalarNode.Type.NUMBER, number);
    }

    private static Typed number(int value) {
        return new Typed(ScalarNode.Type.NUMBER, value);
    }

    private static String withoutUnderscores(String value, int from) {
        StringBuilder cleaned = new StringBuilder(value.length() - from);
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '_') {
                cleaned.append(c);
            }
        }
        return cleaned.toString();
    }
}
