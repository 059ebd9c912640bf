package io.customerhub.matching.standardize;

/**
 * A phone number after standardisation.
 *
 * @param e164       E.164 form, e.g. "+33612345678"
 * @param type       mobile, landline, either, or other
 * @param regionCode ISO 3166 alpha-2 region the number belongs to, e.g. "FR"
 */
public record NormalizedPhone(String e164, PhoneType type, String regionCode) {
}
