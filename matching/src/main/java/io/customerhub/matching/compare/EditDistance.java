package io.customerhub.matching.compare;

/**
 * Whether two strings are at most one typing error apart: one character substituted, inserted or
 * deleted, or two adjacent characters swapped (optimal string alignment distance <= 1). Linear
 * time and allocation-free, for identifiers compared on every candidate pair. Also the bounded
 * optimal string alignment distance, for names with a few typing errors.
 */
public final class EditDistance {

    private EditDistance() {
    }

    public static boolean withinOneEdit(String a, String b) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > 1) {
            return false;
        }
        int start = 0;
        while (start < la && start < lb && a.charAt(start) == b.charAt(start)) {
            start++;
        }
        if (start == la && start == lb) {
            return true;
        }
        if (la == lb) {
            // one substitution: the rest equal; one swap: the next two crossed, the rest equal
            if (a.regionMatches(start + 1, b, start + 1, la - start - 1)) {
                return true;
            }
            return start + 1 < la && a.charAt(start) == b.charAt(start + 1) && a.charAt(start + 1) == b.charAt(start)
                    && a.regionMatches(start + 2, b, start + 2, la - start - 2);
        }
        // one insertion or deletion: skip a character of the longer string
        return la > lb ? a.regionMatches(start + 1, b, start, lb - start) : b.regionMatches(start + 1, a, start, la - start);
    }

    /**
     * The optimal string alignment distance (substitutions, insertions, deletions and swaps of two
     * adjacent characters) if it is at most {@code max}, else {@code max + 1}. Only the diagonal band
     * of width {@code 2 max + 1} is computed: names are short and the bound small.
     */
    public static int boundedOsa(String a, String b, int max) {
        int la = a.length();
        int lb = b.length();
        if (Math.abs(la - lb) > max) {
            return max + 1;
        }
        int[] beforePrevious = new int[lb + 1];
        int[] previous = new int[lb + 1];
        int[] current = new int[lb + 1];
        for (int j = 0; j <= lb; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= la; i++) {
            int from = Math.max(1, i - max);
            int to = Math.min(lb, i + max);
            current[0] = i;
            if (from > 1) {
                current[from - 1] = max + 1;
            }
            int rowMin = from == 1 ? i : max + 1;
            for (int j = from; j <= to; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(previous[j - 1] + cost, Math.min(previous[j] + 1, current[j - 1] + 1));
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, beforePrevious[j - 2] + 1);
                }
                current[j] = Math.min(d, max + 1);
                rowMin = Math.min(rowMin, current[j]);
            }
            if (to < lb) {
                current[to + 1] = max + 1; // outside the band: read by the next row as previous[j]
            }
            if (rowMin > max) {
                return max + 1;
            }
            int[] recycled = beforePrevious;
            beforePrevious = previous;
            previous = current;
            current = recycled;
        }
        return Math.min(previous[lb], max + 1);
    }
}
