package dev.scalerhost.plugin.prometheus;

import java.util.Locale;
import java.util.regex.Pattern;

/** Numbers as Prometheus writes them: decimals, {@code NaN}, {@code +Inf}, {@code -Inf}. */
final class PromNumbers {

    /** Plain decimal notation only: Java's parser would also take hex floats and a trailing 'd'. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private PromNumbers() {
    }

    /** Parses a sample value or timestamp. */
    static double parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                if (!DECIMAL.matcher(text).matches()) {
                    throw new NumberFormatException("'" + text + "' is not a number");
                }
                return Double.parseDouble(text);
        }
    }
}
