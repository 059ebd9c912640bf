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
}
