package io.customerhub.jobs.cluster;

import java.util.Map;

/**
 * Counts of one clustering run.
 *
 * @param recordsChangingId records whose golden id differs from the previous run (new records included)
 * @param refusedMerges     links not followed, by reason
 * @param idEvents          golden id events of this run, by kind
 */
public record ClusterResult(long records, long clusters, long links, long recordsChangingId, long largestCluster,
                            Map<String, Long> refusedMerges, Map<String, Long> idEvents) {

    public ClusterResult {
        refusedMerges = Map.copyOf(refusedMerges);
        idEvents = Map.copyOf(idEvents);
    }
}
