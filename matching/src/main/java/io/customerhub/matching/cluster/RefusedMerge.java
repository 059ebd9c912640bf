package io.customerhub.matching.cluster;

/** A link the clustering did not follow, and why: worth a steward's look. */
public record RefusedMerge(String left, String right, double probability, Reason reason) {

    /** Why two groups were kept apart. */
    public enum Reason {
        /** A steward said two records of the groups are not the same person. */
        CANNOT_LINK,
        /** The groups hold different values of the same strong identifier (two branch customer numbers). */
        CONFLICTING_IDENTIFIERS,
        /** The merged group would exceed the cluster size limit (a chain gluing people together). */
        CLUSTER_TOO_LARGE
    }
}
