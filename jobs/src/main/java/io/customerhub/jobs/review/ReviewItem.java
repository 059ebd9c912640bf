package io.customerhub.jobs.review;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;

/**
 * One row of {@code review_queue}: a question for a steward, naming records by key only.
 *
 * @param leftKey        pair: the smaller record key; cluster: null
 * @param rightKey       pair: the other record key; cluster: null
 * @param goldenId       cluster: its golden id; pair: null
 * @param probability    pair: the model's match probability; cluster: null
 * @param explanation    JSON: the pair's waterfall, or the cluster's signals
 * @param recordVersions record key -> last_changed_run when queued (every member of a cluster)
 * @param decisionId     the active decision answering it, when decided
 */
public record ReviewItem(String itemId, String kind, double priority, String status, String leftKey, String rightKey,
                         String goldenId, int clusterSize, Double probability, List<String> reasons, String explanation,
                         String modelVersion, Map<String, String> recordVersions, String decisionId, String runId) {

    public ReviewItem {
        reasons = List.copyOf(reasons);
        recordVersions = java.util.Collections.unmodifiableMap(new TreeMap<>(recordVersions));
    }

    public boolean isPair() {
        return ReviewItems.PAIR.equals(kind);
    }

    /** The record keys the item is about, sorted. */
    public List<String> recordKeys() {
        return List.copyOf(recordVersions.keySet());
    }

    public static ReviewItem fromRow(Row row) {
        Map<String, String> versions = row.getJavaMap(row.fieldIndex("record_versions"));
        List<String> reasons = row.getList(row.fieldIndex("reasons"));
        Integer size = row.getAs("cluster_size");
        return new ReviewItem(row.getAs("item_id"), row.getAs("kind"), row.<Double>getAs("priority"), row.getAs("status"),
                row.getAs("left_key"), row.getAs("right_key"), row.getAs("golden_id"), size == null ? 0 : size,
                row.getAs("probability"), reasons, row.getAs("explanation"), row.getAs("model_version"), versions,
                row.getAs("decision_id"), row.getAs("run_id"));
    }
}
