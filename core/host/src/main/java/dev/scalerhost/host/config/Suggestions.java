package dev.scalerhost.host.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" for mistyped keys and names: the candidate nearest by edit distance (ignoring
 * case, a swap of two neighbours counting as one edit), if it is near enough to be a typo or one
 * name starts with the other.
 */
public final class Suggestions {

    private Suggestions() {
    }

    public static Optional<String> nearest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        int limit = lower.length() <= 3 ? 1 : lower.length() <= 6 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            if (candidate.equals(word)) {
                continue;
            }
            String other = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(lower, other);
            if ((distance <= limit || isAbbreviation(lower, other)) && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Whether one is the start of the other, e.g. {@code kafka} for {@code kafka-lag}. */
    private static boolean isAbbreviation(String word, String candidate) {
        return word.length() >= 3 && (candidate.startsWith(word) || word.startsWith(candidate));
    }

    /** {@code " (did you mean 'topic'?)"}, or nothing. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return nearest(word, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
