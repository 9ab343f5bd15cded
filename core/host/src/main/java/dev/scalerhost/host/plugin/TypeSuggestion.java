package dev.scalerhost.host.plugin;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** The available type nearest to a mistyped one, for "did you mean" hints. */
final class TypeSuggestion {

    private TypeSuggestion() {
    }

    /**
     * The candidate closest to {@code wanted} by edit distance, if it is close enough to be a typo
     * (about one edit in three characters) or one of the two names starts with the other.
     */
    static Optional<String> nearest(String wanted, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(wanted, candidate);
            if (distance < bestDistance && isPlausible(wanted, candidate, distance)) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean isPlausible(String wanted, String candidate, int distance) {
        return distance <= Math.max(1, Math.min(wanted.length(), candidate.length()) / 3)
                || (!wanted.isEmpty() && (candidate.startsWith(wanted) || wanted.startsWith(candidate)));
    }

    /** Levenshtein distance, case-insensitive. */
    static int distance(String a, String b) {
        String left = a.toLowerCase(Locale.ROOT);
        String right = b.toLowerCase(Locale.ROOT);
        int[] previous = new int[right.length() + 1];
        int[] current = new int[right.length() + 1];
        for (int j = 0; j <= right.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= left.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= right.length(); j++) {
                int substitution = previous[j - 1] + (left.charAt(i - 1) == right.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[right.length()];
    }
}
