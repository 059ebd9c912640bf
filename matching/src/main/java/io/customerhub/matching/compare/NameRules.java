package io.customerhub.matching.compare;

/** Small name comparisons the comparison levels need; inputs are standardised (upper case, single spaces). */
public final class NameRules {

    private NameRules() {
    }

    /** Given and family names written the other way round ("MARTIN PAUL" vs "PAUL MARTIN"). */
    public static boolean swapped(String givenA, String familyA, String givenB, String familyB) {
        return givenA != null && familyA != null && givenB != null && familyB != null
                && !givenA.equals(familyA)
                && givenA.equals(familyB) && familyA.equals(givenB);
    }

    /**
     * Given and family names written the other way round with typos: each side's given name is
     * Jaro-Winkler >= min to the other's family name and vice versa, while not already similar the
     * straight way (that is an ordinary typo, not a swap).
     */
    public static boolean swappedSimilar(String givenA, String familyA, String givenB, String familyB, double min) {
        if (givenA == null || familyA == null || givenB == null || familyB == null) {
            return false;
        }
        return similar(givenA, familyB, min) && similar(familyA, givenB, min)
                && !(similar(givenA, givenB, min) && similar(familyA, familyB, min));
    }

    private static boolean similar(String a, String b, double min) {
        return a.equals(b) || (JaroWinkler.upperBound(a.length(), b.length()) >= min && JaroWinkler.similarity(a, b) >= min);
    }

    /**
     * Given names that can belong to one person without being equal: one is abbreviated to initials
     * ("J P" or "JP" vs "JEAN PIERRE"), or all tokens of one appear in the other ("PIERRE" vs "JEAN
     * PIERRE", a middle name used as first name). Equal names are compatible too. A mere shared first
     * letter ("JULES" vs "JEAN") is not: that is how twins and siblings differ.
     */
    public static boolean givenCompatible(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.equals(b)) {
            return true;
        }
        return initialsOf(a, b) || initialsOf(b, a) || tokensContained(a, b) || tokensContained(b, a);
    }

    /** First given names that are a listed name / nickname pair ("BILL" vs "WILLIAM", {@link Nicknames}). */
    public static boolean nicknames(String a, String b) {
        return a != null && b != null && Nicknames.pair(firstToken(a), firstToken(b));
    }

    private static String firstToken(String name) {
        int space = name.indexOf(' ');
        return space < 0 ? name : name.substring(0, space);
    }

    /**
     * True when the family names differ and every token of one is in the other: a double or
     * hyphenated family name against one of its parts (GARCIA / MARTIN GARCIA, DUPONT / DUPONT MARTIN).
     */
    public static boolean familyCompound(String a, String b) {
        if (a == null || b == null || a.equals(b)) {
            return false;
        }
        return tokensContained(a, b) || tokensContained(b, a);
    }

    /** True when {@code abbreviated} is only initials ("J P", "JP", "J") matching the first tokens of {@code full}. */
    static boolean initialsOf(String abbreviated, String full) {
        int n = abbreviated.length();
        if (n == 0) {
            return false;
        }
        boolean spaced = abbreviated.indexOf(' ') >= 0;
        if (!spaced && n > 2) {
            return false; // "JP" may be initials, "JEAN" is not
        }
        int fullPos = 0; // start of the next token of full
        for (int i = 0; i < n; i++) {
            char c = abbreviated.charAt(i);
            if (c == ' ') {
                continue;
            }
            if (spaced && ((i > 0 && abbreviated.charAt(i - 1) != ' ') || (i + 1 < n && abbreviated.charAt(i + 1) != ' '))) {
                return false; // a spaced token longer than one letter
            }
            if (fullPos >= full.length() || full.charAt(fullPos) != c) {
                return false;
            }
            int nextSpace = full.indexOf(' ', fullPos);
            fullPos = nextSpace < 0 ? full.length() : nextSpace + 1;
        }
        return true;
    }

    /** True when every token (2+ letters) of {@code part} is a token of {@code whole}. */
    static boolean tokensContained(String part, String whole) {
        int start = 0;
        while (start < part.length()) {
            int end = part.indexOf(' ', start);
            if (end < 0) {
                end = part.length();
            }
            if (end - start < 2 || !hasToken(whole, part, start, end - start)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean hasToken(String whole, String src, int from, int len) {
        int start = 0;
        while (start < whole.length()) {
            int end = whole.indexOf(' ', start);
            if (end < 0) {
                end = whole.length();
            }
            if (end - start == len && whole.regionMatches(start, src, from, len)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    /** A married (or otherwise changed) family name: one side's birth name is the other's family or birth name. */
    public static boolean birthNameMatches(String familyA, String birthA, String familyB, String birthB) {
        return (birthA != null && (birthA.equals(familyB) || birthA.equals(birthB)))
                || (birthB != null && birthB.equals(familyA));
    }
}
