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
        return similarity(left, left.length(), right, right.length());
    }

    /**
     * Similarity of the first {@code ll} chars of {@code left} and the first {@code rl} of
     * {@code right}: compares prefixes (e-mail local parts) without allocating substrings.
     */
    public static double similarity(CharSequence left, int ll, CharSequence right, int rl) {
        if (ll == rl && contentEquals(left, right, ll)) {
            return 1.0;
        }
        CharSequence max = ll > rl ? left : right;
        CharSequence min = ll > rl ? right : left;
        int maxLen = Math.max(ll, rl);
        int minLen = Math.min(ll, rl);
        long matchesAndHalfTranspositions = maxLen <= 64
                ? matchBits(min, minLen, max, maxLen)
                : matchArrays(min, minLen, max, maxLen);
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
        for (int i = 0, n = Math.min(4, minLen); i < n && left.charAt(i) == right.charAt(i); i++) {
            prefix++;
        }
        return jaro + PREFIX_SCALE * prefix * (1.0 - jaro);
    }

    /**
     * The highest similarity two strings of these lengths can have (all of the shorter one matched,
     * no transpositions, full prefix): lets a threshold test skip the computation.
     */
    public static double upperBound(int leftLength, int rightLength) {
        int min = Math.min(leftLength, rightLength);
        int max = Math.max(leftLength, rightLength);
        if (min == 0) {
            return max == 0 ? 1.0 : 0.0;
        }
        double jaro = (1.0 + (double) min / max + 1.0) / 3.0;
        return jaro < BOOST_THRESHOLD ? jaro : jaro + PREFIX_SCALE * Math.min(4, min) * (1.0 - jaro);
    }

    private static boolean contentEquals(CharSequence a, CharSequence b, int len) {
        for (int i = 0; i < len; i++) {
            if (a.charAt(i) != b.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Returns matches in the high 32 bits and half-transpositions in the low 32 bits. */
    private static long matchBits(CharSequence min, int minLen, CharSequence max, int maxLen) {
        int range = Math.max(maxLen / 2 - 1, 0);
        long maxFlags = 0L;
        long minFlags = 0L;
        int matches = 0;
        for (int mi = 0; mi < minLen; mi++) {
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

    private static long matchArrays(CharSequence min, int minLen, CharSequence max, int maxLen) {
        int range = Math.max(maxLen / 2 - 1, 0);
        boolean[] maxFlags = new boolean[maxLen];
        boolean[] minFlags = new boolean[minLen];
        int matches = 0;
        for (int mi = 0; mi < minLen; mi++) {
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
        for (int i = 0; i < minLen; i++) {
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
