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
 * @param metrics          metrics over the records in both
 */
public record EvaluationResult(
        long predictedRecords,
        long truthRecords,
        long predictedOnly,
        long truthOnly,
        ClusteringMetrics metrics) {

    /** Records scored: those present in both the predicted clustering and the truth. */
    public long evaluatedRecords() {
        return metrics.sums().records();
    }
}
