package io.customerhub.matching.settings;

import java.util.List;

/**
 * Comparisons whose agreements are not independent evidence: e-mail, phone and address are often
 * shared by a household (twins, couples, parent and child), so their weights summed as if
 * independent overstate a match. The group's combined positive weight is capped at
 * {@code maxWeight} bits; each positive weight is scaled down in proportion, so the explanation
 * still adds up. Negative weights (disagreements) are never changed.
 *
 * @param name        a label for explanations, e.g. "household"
 * @param comparisons names of comparisons in the settings; a comparison belongs to one group at most
 * @param maxWeight   cap on the sum of the group's positive weights (bits)
 */
public record EvidenceGroup(String name, List<String> comparisons, double maxWeight) {

    public EvidenceGroup {
        comparisons = comparisons == null ? List.of() : List.copyOf(comparisons);
    }
}
