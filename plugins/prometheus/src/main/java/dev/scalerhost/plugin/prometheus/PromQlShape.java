package dev.scalerhost.plugin.prometheus;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Just enough PromQL structure to see a query's outermost operation: whether it is a filtering
 * comparison ({@code x > 1} without {@code bool}), which returns no series at all while its condition
 * is false. Label matchers, strings, ranges, function arguments and comments are skipped; a top-level
 * {@code and}, {@code or} or {@code unless} binds looser than a comparison and so is the outer operation.
 */
final class PromQlShape {

    private static final Set<String> SET_OPERATORS = Set.of("and", "or", "unless");

    private PromQlShape() {
    }

    /** The comparison operator ({@code >}, {@code <=}, ...) if it is the query's outer operation without {@code bool}. */
    static Optional<String> filteringComparison(String query) {
        String text = query.strip();
        while (enclosedInParentheses(text)) {
            text = text.substring(1, text.length() - 1).strip();
        }
        String last = null;
        boolean lastHasBool = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(text, i);
            } else if (c == '#') {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? text.length() : newline;
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
            } else if (depth == 0 && Character.isLetter(c)) {
                int end = i;
                while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'
                        || text.charAt(end) == ':')) {
                    end++;
                }
                if (SET_OPERATORS.contains(text.substring(i, end).toLowerCase(Locale.ROOT))) {
                    return Optional.empty();
                }
                i = end - 1;
            } else if (depth == 0 && isComparisonStart(text, i)) {
                int length = (i + 1 < text.length() && text.charAt(i + 1) == '=') ? 2 : 1;
                last = text.substring(i, i + length);
                i += length - 1;
                lastHasBool = startsWithWord(text, i + 1, "bool");
            }
        }
        return last == null || lastHasBool ? Optional.empty() : Optional.of(last);
    }

    private static boolean isComparisonStart(String text, int i) {
        char c = text.charAt(i);
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        return c == '>' || c == '<' || (c == '=' && next == '=') || (c == '!' && next == '=');
    }

    private static boolean startsWithWord(String text, int from, String word) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        int end = i + word.length();
        return text.regionMatches(true, i, word, 0, word.length())
                && (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_');
    }

    private static int endOfString(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i++;
            } else if (c == quote) {
                return i;
            }
        }
        return text.length();
    }

    /** Whether the first parenthesis closes at the very end, e.g. {@code (a > 1)} but not {@code (a) > (b)}. */
    private static boolean enclosedInParentheses(String text) {
        if (text.length() < 2 || text.charAt(0) != '(' || text.charAt(text.length() - 1) != ')') {
            return false;
        }
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = endOfString(text, i);
            } else if (c == '(' || c == '[' || c == '{') {
                depth++;
            } else if (c == ')' || c == ']' || c == '}') {
                depth--;
                if (depth == 0 && i < text.length() - 1) {
                    return false;
                }
            }
        }
        return true;
    }
}
