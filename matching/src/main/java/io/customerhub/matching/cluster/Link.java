package io.customerhub.matching.cluster;

/**
 * An edge the clustering may follow: two record keys and the strength of the evidence.
 *
 * @param probability match probability; a steward must-link or a shared strong identifier is 1.0
 */
public record Link(String left, String right, double probability) {

    public Link {
        if (left.equals(right)) {
            throw new IllegalArgumentException("a link joins two different records");
        }
    }
}
