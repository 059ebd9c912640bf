package io.customerhub.jobs.evaluate;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Renders an {@link EvaluationResult} as a readable table or as a JSON-ready map (counts only, no record values). */
public final class EvaluationReport {

    private EvaluationReport() {
    }

    public static String table(EvaluationResult result) {
        ClusteringMetrics m = result.metrics();
        ContingencySums s = m.sums();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "records: %,d evaluated (%,d clustered, %,d labelled; %,d clustered without label, %,d labelled but not clustered)%n",
                result.evaluatedRecords(), result.predictedRecords(), result.truthRecords(), result.predictedOnly(), result.truthOnly()));
        out.append(String.format(Locale.ROOT, "%n%-10s %10s %10s %10s%n", "metric", "precision", "recall", "F1"));
        out.append(String.format(Locale.ROOT, "%-10s %10.4f %10.4f %10.4f%n", "pairwise", m.pairwisePrecision(), m.pairwiseRecall(), m.pairwiseF1()));
        out.append(String.format(Locale.ROOT, "%-10s %10.4f %10.4f %10.4f%n", "B-cubed", m.bcubedPrecision(), m.bcubedRecall(), m.bcubedF1()));
        if (result.truthOnly() > 0) {
            out.append(String.format(Locale.ROOT, "%-10s %10.4f %10.4f %10.4f   (%,d labelled records not clustered count as singletons)%n",
                    "end-to-end", m.pairwisePrecision(), result.endToEndRecall(), result.endToEndF1(), result.truthOnly()));
        }
        out.append(String.format(Locale.ROOT, "%npairs: %,d predicted, %,d true, %,d correct%n", s.predictedPairs(), s.truePairs(), s.correctPairs()));
        out.append(String.format(Locale.ROOT, "clusters: %,d predicted, %,d true entities%n", s.predictedClusters(), s.trueEntities()));
        out.append(String.format(Locale.ROOT, "over-merged clusters (2+ people in one golden id): %,d%n", s.overMergedClusters()));
        out.append(String.format(Locale.ROOT, "split people (one person over 2+ golden ids): %,d%n", s.splitEntities()));
        return out.toString();
    }

    /** Field names are snake_case and stable: the benchmark runner reads them. */
    public static Map<String, Object> json(EvaluationResult result) {
        ClusteringMetrics m = result.metrics();
        ContingencySums s = m.sums();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("evaluated_records", result.evaluatedRecords());
        json.put("clustered_records", result.predictedRecords());
        json.put("labelled_records", result.truthRecords());
        json.put("clustered_without_label", result.predictedOnly());
        json.put("labelled_not_clustered", result.truthOnly());
        json.put("pairwise_precision", m.pairwisePrecision());
        json.put("pairwise_recall", m.pairwiseRecall());
        json.put("pairwise_f1", m.pairwiseF1());
        json.put("end_to_end_pairwise_recall", result.endToEndRecall());
        json.put("end_to_end_pairwise_f1", result.endToEndF1());
        json.put("bcubed_precision", m.bcubedPrecision());
        json.put("bcubed_recall", m.bcubedRecall());
        json.put("bcubed_f1", m.bcubedF1());
        json.put("predicted_pairs", s.predictedPairs());
        json.put("true_pairs", s.truePairs());
        json.put("labelled_pairs", result.labelledPairs());
        json.put("correct_pairs", s.correctPairs());
        json.put("predicted_clusters", s.predictedClusters());
        json.put("true_entities", s.trueEntities());
        json.put("over_merged_clusters", s.overMergedClusters());
        json.put("split_entities", s.splitEntities());
        return json;
    }
}
