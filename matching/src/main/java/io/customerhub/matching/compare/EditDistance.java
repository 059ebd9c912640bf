package io.customerhub.matching.compare;

/**
 * Whether two strings are at most one typing error apart: one character substituted, inserted or
 * deleted, or two adjacent characters swapped (optimal string alignment distance <= 1). Linear
 * time and allocation-free, for identifiers compared on every candidate pair.
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
}
