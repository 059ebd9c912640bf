package io.customerhub.matching.settings;

/**
 * An agreement that the other comparisons' evidence against cannot outvote. The relative guards
 * (a different given name under the same family name, birth years a generation apart) are near-vetoes
 * because relatives share names, dates and addresses; relatives do not share a national id. When
 * {@code comparison} reaches the level labelled {@code level}, the negative weights of all other
 * comparisons together count {@code maxWeight} bits at most; each is scaled down in proportion, so
 * the explanation still adds up. The pair still needs positive evidence beyond the identifier to link.
 *
 * @param name       a label for explanations, e.g. "shared national id"
 * @param comparison name of the comparison whose level triggers the cap
 * @param level      label of that comparison's level, e.g. "exact"
 * @param maxWeight  cap on the magnitude of the other comparisons' summed negative weights (bits)
 */
public record NegativeEvidenceCap(String name, String comparison, String level, double maxWeight) {
}
