package io.customerhub.jobs.evaluate;

/**
 * Accuracy of a predicted clustering against the truth, over the records present in both.
 *
 * <p>Pairwise: a pair of records is "predicted" when both are in one cluster and "true" when both
 * are one person; precision = correct / predicted pairs, recall = correct / true pairs. B-cubed: per
 * record, precision = share of its cluster that is its person, recall = share of its person that is
 * in its cluster, averaged over records (less dominated by big clusters than pairwise).
 *
 * <p>Empty denominators: with no predicted pairs precision is 1 (nothing was claimed, so nothing is
 * wrong), with no true pairs recall is 1; F1 is 0 when precision and recall are both 0.
 */
public record ClusteringMetrics(
        ContingencySums sums,
        double pairwisePrecision,
        double pairwiseRecall,
        double pairwiseF1,
        double bcubedPrecision,
        double bcubedRecall,
        double bcubedF1) {

    public static ClusteringMetrics of(ContingencySums sums) {
        double precision = ratioOrOne(sums.correctPairs(), sums.predictedPairs());
        double recall = ratioOrOne(sums.correctPairs(), sums.truePairs());
        double bPrecision = sums.records() == 0 ? 1.0 : sums.bcubedPrecisionSum() / sums.records();
        double bRecall = sums.records() == 0 ? 1.0 : sums.bcubedRecallSum() / sums.records();
        return new ClusteringMetrics(sums, precision, recall, f1(precision, recall), bPrecision, bRecall, f1(bPrecision, bRecall));
    }

    private static double ratioOrOne(long numerator, long denominator) {
        return denominator == 0 ? 1.0 : (double) numerator / denominator;
    }

    static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
}
