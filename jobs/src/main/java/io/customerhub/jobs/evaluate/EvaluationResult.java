package io.customerhub.jobs.evaluate;

/**
 * The outcome of one evaluation. Metrics cover only records known to both sides; the records found
 * on one side only are counted, not scored: a labelled record the hub never clustered (quarantined at
 * ingest, say) would otherwise count as a singleton and hide the cause.
 *
 * @param predictedRecords records in the predicted clustering (xref rows)
 * @param truthRecords     records in the truth file
 * @param predictedOnly    predicted records without a truth label (not scored)
 * @param truthOnly        labelled records the predicted clustering lacks (not scored)
 * @param labelledPairs    true pairs over every labelled record, clustered or not: the denominator of
 *                         {@link #endToEndRecall()}
 * @param metrics          metrics over the records in both
 */
public record EvaluationResult(
        long predictedRecords,
        long truthRecords,
        long predictedOnly,
        long truthOnly,
        long labelledPairs,
        ClusteringMetrics metrics) {

    public EvaluationResult {
        if (labelledPairs < metrics.sums().truePairs()) {
            throw new IllegalArgumentException("labelled pairs " + labelledPairs + " < true pairs among evaluated records "
                    + metrics.sums().truePairs());
        }
    }

    /** Records scored: those present in both the predicted clustering and the truth. */
    public long evaluatedRecords() {
        return metrics.sums().records();
    }

    /**
     * Pairwise recall as if every labelled record the hub lacks (quarantined at ingest, say) were a
     * singleton: correct pairs / true pairs over all labelled records. Comparable with tools that
     * score every record of a benchmark.
     */
    public double endToEndRecall() {
        return labelledPairs == 0 ? 1.0 : (double) metrics.sums().correctPairs() / labelledPairs;
    }

    /** Pairwise F1 from {@link ClusteringMetrics#pairwisePrecision()} and {@link #endToEndRecall()}. */
    public double endToEndF1() {
        return ClusteringMetrics.f1(metrics.pairwisePrecision(), endToEndRecall());
    }
}
