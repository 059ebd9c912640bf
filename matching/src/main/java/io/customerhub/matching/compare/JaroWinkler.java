package io.customerhub.matching.compare;

/**
 * Jaro-Winkler similarity without allocation for strings up to 64 chars (match flags kept in two
 * long bit sets); longer strings fall back to arrays. Gives the same result as Commons Text's
 * {@code JaroWinklerSimilarity} (prefix scale 0.1, boost above Jaro 0.7, prefix up to 4), which
 * allocates four arrays per call and is too slow for the scoring hot path.
 */
public final class JaroWinkler {

    private static final double BOOST_THRESHOLD = 0.7;
    private static final double PREFIX_SCALE = 0.1;

    private JaroWinkler() {
    }

    public static double similarity(CharSequence left, CharSequence right) {
        int ll = left.length();
        int rl = right.length();
        if (ll == rl && contentEquals(left, right)) {
            return 1.0;
        }
        CharSequence max = ll > rl ? left : right;
        CharSequence min = ll > rl ? right : left;
        long matchesAndHalfTranspositions = max.length() <= 64
                ? matchBits(min, max)
                : matchArrays(min, max);
        int matches = (int) (matchesAndHalfTranspositions >>> 32);
        if (matches == 0) {
            return 0.0;
        }
        int halfTranspositions = (int) matchesAndHalfTranspositions;
        double m = matches;
        double jaro = (m / ll + m / rl + (m - halfTranspositions / 2.0) / m) / 3.0;
        if (jaro < BOOST_THRESHOLD) {
            return jaro;
        }
        int prefix = 0;
        for (int i = 0, n = Math.min(4, min.length()); i < n && left.charAt(i) == right.charAt(i); i++) {
            prefix++;
        }
        return jaro + PREFIX_SCALE * prefix * (1.0 - jaro);
    }

    private static boolean contentEquals(CharSequence a, CharSequence b) {
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Returns matches in the high 32 bits and half-transpositions in the low 32 bits. */
    private static long matchBits(CharSequence min, CharSequence max) {
        int maxLen = max.length();
        int range = Math.max(maxLen / 2 - 1, 0);
        long maxFlags = 0L;
        long minFlags = 0L;
        int matches = 0;
        for (int mi = 0; mi < min.length(); mi++) {
            char c = min.charAt(mi);
            for (int xi = Math.max(mi - range, 0), xn = Math.min(mi + range + 1, maxLen); xi < xn; xi++) {
                if ((maxFlags & (1L << xi)) == 0 && c == max.charAt(xi)) {
                    maxFlags |= 1L << xi;
                    minFlags |= 1L << mi;
                    matches++;
                    break;
                }
            }
        }
        int half = 0;
        while (minFlags != 0) {
            int i = Long.numberOfTrailingZeros(minFlags);
            int j = Long.numberOfTrailingZeros(maxFlags);
            if (min.charAt(i) != max.charAt(j)) {
                half++;
            }
            minFlags &= minFlags - 1;
            maxFlags &= maxFlags - 1;
        }
        return ((long) matches << 32) | half;
    }

    private static long matchArrays(CharSequence min, CharSequence max) {
        int maxLen = max.length();
        int range = Math.max(maxLen / 2 - 1, 0);
        boolean[] maxFlags = new boolean[maxLen];
        boolean[] minFlags = new boolean[min.length()];
        int matches = 0;
        for (int mi = 0; mi < min.length(); mi++) {
            char c = min.charAt(mi);
            for (int xi = Math.max(mi - range, 0), xn = Math.min(mi + range + 1, maxLen); xi < xn; xi++) {
                if (!maxFlags[xi] && c == max.charAt(xi)) {
                    maxFlags[xi] = true;
                    minFlags[mi] = true;
                    matches++;
                    break;
                }
            }
        }
        int half = 0;
        int j = 0;
        for (int i = 0; i < min.length(); i++) {
            if (minFlags[i]) {
                while (!maxFlags[j]) {
                    j++;
                }
                if (min.charAt(i) != max.charAt(j)) {
                    half++;
                }
                j++;
            }
        }
        return ((long) matches << 32) | half;
    }
}
