package io.customerhub.matching.standardize;

/**
 * A street line after standardisation.
 *
 * @param line        number, street type and name in one canonical form, e.g. "12B RUE DE LA PAIX"
 * @param houseNumber the house number with its suffix, e.g. "12B" (bis), "12T" (ter), "12-14"; null if none
 * @param street      the line without the house number, e.g. "RUE DE LA PAIX"
 */
public record NormalizedStreet(String line, String houseNumber, String street) {
}
