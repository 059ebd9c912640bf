package io.customerhub.jobs.evaluate;

/**
 * The sums over the contingency table of a predicted clustering against the truth from which every
 * metric follows. A cell is (predicted cluster i, true entity j) with n_ij records in both; a_i is the
 * size of cluster i and b_j the size of entity j, counted over the evaluated records only.
 *
 * <p>Pairs are counted as sums of C(n, 2), so nothing ever enumerates record pairs: the Spark job
 * computes these sums with aggregations and only this small record reaches the driver.
 *
 * @param records             N = sum of n_ij
 * @param predictedClusters   clusters with at least one evaluated record
 * @param trueEntities        entities with at least one evaluated record
 * @param predictedPairs      sum_i C(a_i, 2): pairs the system put together
 * @param truePairs           sum_j C(b_j, 2): pairs that are the same person
 * @param correctPairs        sum_ij C(n_ij, 2): pairs both put together and the same person
 * @param bcubedPrecisionSum  sum_ij n_ij^2 / a_i (per-record precision summed over records)
 * @param bcubedRecallSum     sum_ij n_ij^2 / b_j (per-record recall summed over records)
 * @param overMergedClusters  clusters holding records of 2 or more entities
 * @param splitEntities       entities whose records lie in 2 or more clusters
 */
public record ContingencySums(
        long records,
        long predictedClusters,
        long trueEntities,
        long predictedPairs,
        long truePairs,
        long correctPairs,
        double bcubedPrecisionSum,
        double bcubedRecallSum,
        long overMergedClusters,
        long splitEntities) {

    public ContingencySums {
        if (records < 0 || predictedClusters < 0 || trueEntities < 0 || correctPairs < 0
                || correctPairs > predictedPairs || correctPairs > truePairs) {
            throw new IllegalArgumentException("inconsistent contingency sums: " + records + " records, "
                    + predictedPairs + " predicted pairs, " + truePairs + " true pairs, " + correctPairs + " correct pairs");
        }
    }

    /** Unordered pairs among n records. */
    public static long pairs(long n) {
        return n * (n - 1) / 2;
    }
}
