package io.customerhub.matching.model;

/** What to do with a candidate pair. */
public enum Decision {
    /** Same customer: merge into one golden record. */
    LINK,
    /** Unsure: a data steward decides. */
    REVIEW,
    /** Different customers. */
    NO_LINK
}
