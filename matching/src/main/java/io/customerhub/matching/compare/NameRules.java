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

    /** True when {@code abbreviated} is only initials ("J P", "JP", "J") matching the first tokens of {@code full}. */
    static boolean initialsOf(String abbreviated, String full) {
        String[] fullTokens = full.split(" ");
        String letters = abbreviated.replace(" ", "");
        boolean spaced = abbreviated.indexOf(' ') >= 0;
        if (spaced) {
            for (String t : abbreviated.split(" ")) {
                if (t.length() != 1) {
                    return false;
                }
            }
        } else if (letters.length() > 2 || letters.length() > fullTokens.length) {
            return false; // "JP" may be initials, "JEAN" is not
        }
        if (letters.isEmpty() || letters.length() > fullTokens.length) {
            return false;
        }
        for (int i = 0; i < letters.length(); i++) {
            if (fullTokens[i].isEmpty() || fullTokens[i].charAt(0) != letters.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** True when every token of {@code part} is a token of {@code whole}. */
    static boolean tokensContained(String part, String whole) {
        String padded = " " + whole + " ";
        for (String t : part.split(" ")) {
            if (t.length() < 2 || !padded.contains(" " + t + " ")) {
                return false;
            }
        }
        return true;
    }

    /** A married (or otherwise changed) family name: one side's birth name is the other's family or birth name. */
    public static boolean birthNameMatches(String familyA, String birthA, String familyB, String birthB) {
        return (birthA != null && (birthA.equals(familyB) || birthA.equals(birthB)))
                || (birthB != null && birthB.equals(familyA));
    }
}
