package dev.scalerhost.host.config;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts scalars to typed values. Each conversion returns either a value or the reason it failed,
 * worded for a problem report; a secret value never appears in the reason.
 */
final class Scalars {

    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final String DURATION_FORMS = "250ms, 5s, 2m, 1h or ISO-8601 like PT5S";

    /**
     * A converted value or the reason there is none.
     *
     * @param value the value, {@code null} on failure
     * @param error why the conversion failed, {@code null} on success
     */
    record Parsed<T>(T value, String error) {
        static <T> Parsed<T> ok(T value) {
            return new Parsed<>(value, null);
        }

        static <T> Parsed<T> fail(String error) {
            return new Parsed<>(null, error);
        }

        boolean ok() {
            return error == null;
        }
    }

    private Scalars() {
    }

    static Parsed<Boolean> bool(ScalarNode scalar) {
        if (scalar.type() == ScalarNode.Type.BOOLEAN || scalar.type() == ScalarNode.Type.STRING) {
            String text = scalar.text().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Parsed.ok(text.equals("true"));
            }
        }
        return Parsed.fail("expected true or false, got " + scalar.shown());
    }

    static Parsed<Long> whole(ScalarNode scalar) {
        Number number = scalar.number();
        if (number != null && !(number instanceof Double || number instanceof Float || number instanceof BigDecimal)) {
            try {
                return Parsed.ok(new BigInteger(number.toString()).longValueExact());
            } catch (ArithmeticException e) {
                return Parsed.fail("expected a whole number, got " + scalar.shown() + " which is too large");
            }
        }
        String text = scalar.text().trim();
        if (scalar.type() == ScalarNode.Type.STRING && INTEGER.matcher(text).matches()) {
            try {
                return Parsed.ok(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return Parsed.fail("expected a whole number, got " + scalar.shown() + " which is too large");
            }
        }
        return Parsed.fail("expected a whole number, got " + scalar.shown());
    }

    /** A whole number within [{@code min}, {@code max}]. */
    static Parsed<Long> whole(ScalarNode scalar, long min, long max) {
        Parsed<Long> parsed = whole(scalar);
        if (parsed.ok() && (parsed.value() < min || parsed.value() > max)) {
            return Parsed.fail("must be within " + min + ".." + max + ", got " + shown(scalar, parsed.value()));
        }
        return parsed;
    }

    /** A finite number greater than zero. */
    static Parsed<Double> positive(ScalarNode scalar) {
        Parsed<Double> parsed = number(scalar);
        if (parsed.ok() && !(parsed.value() > 0)) {
            return Parsed.fail("must be greater than 0, got " + shown(scalar, parsed.value()));
        }
        return parsed;
    }

    /** One of {@code allowed}, ignoring case; the allowed spelling. */
    static Parsed<String> oneOf(ScalarNode scalar, List<String> allowed) {
        for (String candidate : allowed) {
            if (candidate.equalsIgnoreCase(scalar.text().trim())) {
                return Parsed.ok(candidate);
            }
        }
        String hint = scalar.secret() ? "" : Suggestions.didYouMean(scalar.text(), allowed);
        return Parsed.fail("expected one of " + String.join(", ", allowed) + ", got " + scalar.shown() + hint);
    }

    static Parsed<Double> number(ScalarNode scalar) {
        double value;
        if (scalar.number() != null) {
            value = scalar.number().doubleValue();
        } else if (scalar.type() == ScalarNode.Type.STRING && DECIMAL.matcher(scalar.text().trim()).matches()) {
            value = Double.parseDouble(scalar.text().trim());
        } else {
            return Parsed.fail("expected a number, got " + scalar.shown());
        }
        if (!Double.isFinite(value)) {
            return Parsed.fail("expected a finite number, got " + scalar.shown());
        }
        return Parsed.ok(value);
    }

    /** A duration, or a bare whole number of milliseconds as KEDA's scalers write {@code timeout}. */
    static Parsed<Duration> durationOrMillis(ScalarNode scalar) {
        String text = scalar.text().trim();
        if (scalar.type() == ScalarNode.Type.NUMBER || INTEGER.matcher(text).matches() || DECIMAL.matcher(text).matches()) {
            if (!INTEGER.matcher(text).matches() || text.startsWith("-")) {
                return Parsed.fail("expected a whole number of milliseconds (KEDA's form) or a duration ("
                        + DURATION_FORMS + "), got " + scalar.shown());
            }
            try {
                return Parsed.ok(Duration.ofMillis(Long.parseLong(text.startsWith("+") ? text.substring(1) : text)));
            } catch (NumberFormatException tooLong) {
                return Parsed.fail("expected a whole number of milliseconds, got " + scalar.shown());
            }
        }
        return duration(scalar);
    }

    static Parsed<Duration> duration(ScalarNode scalar) {
        String text = scalar.text().trim();
        if (scalar.type() == ScalarNode.Type.NUMBER || INTEGER.matcher(text).matches() || DECIMAL.matcher(text).matches()) {
            return Parsed.fail("a bare number is ambiguous as a duration: add a unit ("
                    + (scalar.secret() ? "" : text + "s or " + text + "ms; ") + "forms: " + DURATION_FORMS + ")");
        }
        if (scalar.type() != ScalarNode.Type.STRING) {
            return Parsed.fail("expected a duration (" + DURATION_FORMS + "), got " + scalar.shown());
        }
        Matcher shortForm = SHORT_DURATION.matcher(text);
        try {
            Duration duration;
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                duration = switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            } else {
                duration = Duration.parse(text);
            }
            if (duration.isNegative()) {
                return Parsed.fail("a duration cannot be negative, got " + scalar.shown());
            }
            return Parsed.ok(duration);
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            return Parsed.fail("expected a duration (" + DURATION_FORMS + "), got " + scalar.shown());
        }
    }

    private static String shown(ScalarNode scalar, Object value) {
        return scalar.secret() ? scalar.shown() : String.valueOf(value);
    }
}
