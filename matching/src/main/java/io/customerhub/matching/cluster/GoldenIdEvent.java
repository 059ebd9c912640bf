package io.customerhub.matching.cluster;

/**
 * A change of golden ids, kept in {@code golden_id_history} so a channel holding a retired id can
 * follow it to its successor.
 *
 * @param relatedId for MERGED_INTO the surviving id; for SPLIT_FROM the id the new one split from
 */
public record GoldenIdEvent(String goldenId, Kind kind, String relatedId) {

    /** What happened to the id. */
    public enum Kind {
        /** A new customer appeared. */
        CREATED,
        /** The id was retired because its records joined an older customer (relatedId survives). */
        MERGED_INTO,
        /** A new id for records that split away from relatedId. */
        SPLIT_FROM,
        /** The id was retired because all its records were deleted from their sources. */
        RETIRED,
        /** A retired id in use again: a record that held it came back to its source. */
        REVIVED
    }
}
