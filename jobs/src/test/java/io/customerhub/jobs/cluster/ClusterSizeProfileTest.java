package io.customerhub.jobs.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSizeProfileTest {

    @Test
    void countsRecordsInClustersOverEachThresholdAndClustersAtTheLimit() {
        var counts = ClusterSizeProfile.counts(List.of(1, 1, 2, 3, 6, 11, 12), 12);

        assertThat(counts).containsEntry("cluster_size_limit", 12L)
                .containsEntry("clusters_at_size_limit", 1L)
                .containsEntry("records_in_clusters_over.2", 3L + 6 + 11 + 12)
                .containsEntry("records_in_clusters_over.5", 6L + 11 + 12)
                .containsEntry("records_in_clusters_over.10", 11L + 12)
                .containsEntry("records_in_clusters_over.20", 0L)
                .containsEntry("records_in_clusters_over.50", 0L);
    }

    @Test
    void anEmptyHubHasZeroes() {
        assertThat(ClusterSizeProfile.counts(List.of(), 50)).containsEntry("clusters_at_size_limit", 0L)
                .containsEntry("records_in_clusters_over.2", 0L).hasSize(2 + ClusterSizeProfile.THRESHOLDS.size());
    }
}
