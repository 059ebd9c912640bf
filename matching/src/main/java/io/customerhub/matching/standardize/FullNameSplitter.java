package io.customerhub.matching.standardize;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits a name held in one field into given and family names. Rules, first that applies:
 * <ol>
 *   <li>a comma: "Dupont, Marie" (family first);</li>
 *   <li>mixed case: the upper-case words are the family name, "DUPONT Marie", "Jean de LA FONTAINE";</li>
 *   <li>all one case: bundled lists of common given and family names orient it, "DUPONT MARIE";</li>
 *   <li>otherwise given name first, flagged as a guess.</li>
 * </ol>
 * Leading titles are removed first ("Mme DUPONT Marie"). Stateless and thread-safe.
 */
public final class FullNameSplitter {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private FullNameSplitter() {
    }

    public static Parsed<SplitName> split(String rawFullName) {
        if (rawFullName == null || rawFullName.isBlank()) {
            return Parsed.empty();
        }
        String text = NameNormalizer.stripTitles(rawFullName);
        int comma = text.indexOf(',');
        if (comma >= 0) {
            return build(text.substring(comma + 1), text.substring(0, comma), SplitName.Method.COMMA);
        }
        List<String> words = Arrays.asList(WHITESPACE.split(text.trim()));
        if (words.size() == 1) {
            return build(null, words.get(0), SplitName.Method.SINGLE_WORD);
        }
        Parsed<SplitName> byCase = splitByCase(words);
        if (byCase != null) {
            return byCase;
        }
        return splitByNameLists(words);
    }

    /** Upper-case words form the family name when the other words are in mixed or lower case. */
    private static Parsed<SplitName> splitByCase(List<String> words) {
        int n = words.size();
        boolean[] upper = new boolean[n];
        int upperCount = 0;
        int mixedCount = 0;
        for (int i = 0; i < n; i++) {
            WordCase wordCase = caseOf(words.get(i));
            upper[i] = wordCase == WordCase.UPPER;
            upperCount += upper[i] ? 1 : 0;
            mixedCount += wordCase == WordCase.MIXED ? 1 : 0;
        }
        if (upperCount == 0 || mixedCount == 0) {
            return null;
        }
        int first = -1;
        int last = -1;
        for (int i = 0; i < n; i++) {
            if (upper[i]) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        for (int i = first; i <= last; i++) {
            if (!upper[i]) {
                return null; // upper-case words not contiguous: no clear family block
            }
        }
        // Lower-case particles just before the block belong to it: "Jean de LA FONTAINE".
        while (first > 0 && NameNormalizer.PARTICLES.contains(TextFolding.words(words.get(first - 1)))) {
            first--;
        }
        String family = String.join(" ", words.subList(first, last + 1));
        // Given words on both sides ("Marie DUPONT Claire") are read as given names in their order.
        String given = String.join(" ", words.subList(0, first)) + " " + String.join(" ", words.subList(last + 1, n));
        return build(given, family, SplitName.Method.UPPER_CASE_FAMILY_NAME);
    }

    /**
     * Scores both orders with the name lists: a known given name where the given name would be
     * and a known family name where the family name would be. Ties fall back to given name first.
     */
    private static Parsed<SplitName> splitByNameLists(List<String> words) {
        int n = words.size();
        String firstWord = TextFolding.words(words.get(0));
        String lastWord = TextFolding.words(words.get(n - 1));
        int givenFirstScore = given(firstWord) + family(lastWord);
        int familyFirstScore = family(firstWord) + given(lastWord)
                + (NameNormalizer.PARTICLES.contains(firstWord) ? 2 : 0); // "LE GALL YANN"
        if (familyFirstScore > givenFirstScore) {
            int givenStart = n - 1;
            while (givenStart > 1 && given(TextFolding.words(words.get(givenStart - 1))) == 1) {
                givenStart--;
            }
            return build(String.join(" ", words.subList(givenStart, n)), String.join(" ", words.subList(0, givenStart)),
                    SplitName.Method.FAMILY_NAME_FIRST_BY_NAME_LISTS);
        }
        int familyStart = 1;
        while (familyStart < n - 1 && given(TextFolding.words(words.get(familyStart))) == 1
                && !NameNormalizer.PARTICLES.contains(TextFolding.words(words.get(familyStart)))) {
            familyStart++;
        }
        SplitName.Method method = givenFirstScore > familyFirstScore
                ? SplitName.Method.GIVEN_NAME_FIRST_BY_NAME_LISTS
                : SplitName.Method.GIVEN_NAME_FIRST_DEFAULT;
        return build(String.join(" ", words.subList(0, familyStart)), String.join(" ", words.subList(familyStart, n)), method);
    }

    /** 1 when any part of a (possibly hyphenated) word is a known given name: "JEAN-PIERRE". */
    private static int given(String foldedWord) {
        for (String part : foldedWord.split(" ")) {
            if (NameNormalizer.isKnownGivenName(part)) {
                return 1;
            }
        }
        return NameNormalizer.isKnownGivenName(foldedWord) ? 1 : 0;
    }

    private static int family(String foldedWord) {
        return NameNormalizer.isKnownFamilyName(foldedWord) ? 1 : 0;
    }

    private static Parsed<SplitName> build(String rawGiven, String rawFamily, SplitName.Method method) {
        Parsed<NormalizedName> family = NameNormalizer.familyName(rawFamily);
        Parsed<NormalizedName> given = NameNormalizer.givenName(rawGiven);
        if (!family.isPresent() && !given.isPresent()) {
            return Parsed.rejected(family.rejection().or(given::rejection).orElse("no name in full name"));
        }
        if (!family.isPresent()) {
            // "Marie" alone after a comma or a rejected part: keep the only name as the family name
            return Parsed.of(new SplitName(null, given.orNull(), SplitName.Method.SINGLE_WORD));
        }
        return Parsed.of(new SplitName(given.orNull(), family.orNull(), method));
    }

    private enum WordCase { UPPER, MIXED, NONE }

    /** UPPER: two or more letters, none lower case. MIXED: any lower-case letter. NONE: initials, digits. */
    private static WordCase caseOf(String word) {
        int letters = 0;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLowerCase(c)) {
                return WordCase.MIXED;
            }
            if (Character.isLetter(c)) {
                letters++;
            }
        }
        return letters >= 2 ? WordCase.UPPER : WordCase.NONE;
    }
}
