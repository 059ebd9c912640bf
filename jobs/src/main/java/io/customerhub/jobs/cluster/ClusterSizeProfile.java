package io.customerhub.jobs.cluster;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster-size figures for the anomaly gate of a scheduler (over-merging shows as clusters piling
 * up at the size limit or many records in large clusters), stored with the cluster step's counts.
 */
public final class ClusterSizeProfile {

    /** Sizes reported as {@code records_in_clusters_over.<n>}: records in clusters of more than n records. */
    public static final List<Integer> THRESHOLDS = List.of(2, 5, 10, 20, 50);

    private ClusterSizeProfile() {
    }

    /** {@code cluster_size_limit}, {@code clusters_at_size_limit} and {@code records_in_clusters_over.<n>}. */
    public static Map<String, Long> counts(List<Integer> clusterSizes, int maxClusterSize) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("cluster_size_limit", (long) maxClusterSize);
        counts.put("clusters_at_size_limit", clusterSizes.stream().filter(s -> s >= maxClusterSize).count());
        for (int threshold : THRESHOLDS) {
            counts.put("records_in_clusters_over." + threshold,
                    clusterSizes.stream().filter(s -> s > threshold).mapToLong(Integer::longValue).sum());
        }
        return counts;
    }
}
