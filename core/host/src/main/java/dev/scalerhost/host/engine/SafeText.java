package dev.scalerhost.host.engine;

import java.time.Duration;
import java.util.Locale;

/** Renders text that came from outside (requests, plugins) safe for messages and logs. */
public final class SafeText {

    private SafeText() {
    }

    /**
     * {@code text} with control characters replaced by {@code '?'} and cut to {@code max} characters,
     * noting the original length when cut.
     */
    public static String clip(String text, int max) {
        if (text == null) {
            return "null";
        }
        int keep = Math.min(text.length(), max);
        StringBuilder out = null;
        for (int i = 0; i < keep; i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                if (out == null) {
                    out = new StringBuilder(keep + 24).append(text, 0, i);
                }
                out.append('?');
            } else if (out != null) {
                out.append(c);
            }
        }
        if (keep == text.length()) {
            return out == null ? text : out.toString();
        }
        if (out == null) {
            out = new StringBuilder(keep + 24).append(text, 0, keep);
        }
        return out.append("...(").append(text.length()).append(" chars)").toString();
    }

    /** {@code 250ms}, {@code 5s}, {@code 1.5s}: short and exact for configuration-sized durations. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + "ms";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
    }

    /** A failure's cause for users, in words: see {@link FailureText#of}. */
    public static String describe(Throwable failure) {
        return FailureText.of(failure);
    }
}
