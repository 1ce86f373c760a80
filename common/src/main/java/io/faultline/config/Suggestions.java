package io.faultline.config;

import java.util.Collection;
import java.util.List;

/** Builds the "allowed: …" tail of a message, with a guess at what was meant when the value is a near miss. */
final class Suggestions {

    private Suggestions() {
    }

    /** {@code allowed: a, b, c}, plus {@code (did you mean 'b'?)} when {@code given} is a few typos away from b. */
    static String allowed(String given, List<String> allowed) {
        String tail = "allowed: " + String.join(", ", allowed);
        String guess = closest(given, allowed);
        return guess == null ? tail : tail + " (did you mean '" + guess + "'?)";
    }

    static String closest(String given, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = distance(given.toLowerCase(), candidate);
            // Allow more typos in longer names, but never so many that a short name is close to everything.
            boolean near = d <= Math.max(2, candidate.length() / 3) && d < Math.max(candidate.length(), given.length()) / 2;
            if (near && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Optimal string alignment distance: Levenshtein plus transposition of neighbours, the commonest typo. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
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
