package io.customerhub.matching.standardize;

/**
 * A one-field full name split into given and family parts, with how the split was decided so a
 * comparison can trust a comma or case split more than a default guess.
 *
 * @param givenName  normalised given name(s), or null when the field held one word
 * @param familyName normalised family name
 * @param method     the rule that decided the split
 */
public record SplitName(NormalizedName givenName, NormalizedName familyName, Method method) {

    public enum Method {
        /** "Dupont, Marie": family name before the comma. */
        COMMA,
        /** "DUPONT Marie" / "Marie DUPONT": the upper-case words are the family name. */
        UPPER_CASE_FAMILY_NAME,
        /** All one case; the bundled name lists say the given name comes first ("MARIE MARTIN"). */
        GIVEN_NAME_FIRST_BY_NAME_LISTS,
        /** All one case; the bundled name lists say the family name comes first ("DUPONT MARIE"). */
        FAMILY_NAME_FIRST_BY_NAME_LISTS,
        /** Nothing told the order apart; given name first assumed. Weak: compare swaps too. */
        GIVEN_NAME_FIRST_DEFAULT,
        /** A single word, taken as the family name. */
        SINGLE_WORD
    }

    /** Whether the order was a guess that a swap comparison should double-check. */
    public boolean orderIsGuessed() {
        return method == Method.GIVEN_NAME_FIRST_DEFAULT;
    }
}
