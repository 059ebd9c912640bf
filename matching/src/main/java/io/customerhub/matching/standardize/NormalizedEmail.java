package io.customerhub.matching.standardize;

/**
 * An e-mail address after standardisation.
 *
 * @param address          the matching form, lower case, "+tag" removed, Gmail dots removed
 * @param localPart        the part before '@' in its matching form
 * @param domain           the domain, lower case ("gmail.com" for googlemail.com too)
 * @param freeMailProvider whether the domain is a consumer mailbox provider (Gmail, Orange...), where
 *                         a household may share one address
 */
public record NormalizedEmail(String address, String localPart, String domain, boolean freeMailProvider) {

    /** Fewer letters and digits than this before '@' are initials ("f.s", "jd"): shared by many people. */
    public static final int MIN_IDENTIFYING_LOCAL_CHARS = 4;

    /** Whether the local part of a matching-form address (the part before {@code at}) is long enough to identify a person. */
    public static boolean identifyingLocalPart(String address, int at) {
        int significant = 0;
        for (int i = 0; i < at && significant < MIN_IDENTIFYING_LOCAL_CHARS; i++) {
            if (Character.isLetterOrDigit(address.charAt(i))) {
                significant++;
            }
        }
        return significant >= MIN_IDENTIFYING_LOCAL_CHARS;
    }
}
