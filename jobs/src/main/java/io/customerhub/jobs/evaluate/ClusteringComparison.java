package io.customerhub.jobs.evaluate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * In-memory evaluation of a predicted clustering against the truth, for small inputs and as the
 * reference the Spark job is tested against. Records are compared on the intersection of the two
 * maps' keys (see {@link EvaluationResult}).
 */
public final class ClusteringComparison {

    private ClusteringComparison() {
    }

    /**
     * @param predicted record -> predicted cluster id
     * @param truth     record -> true entity id
     */
    public static <R> EvaluationResult compare(Map<R, String> predicted, Map<R, String> truth) {
        Map<Cell, Long> cells = new HashMap<>();
        for (Map.Entry<R, String> entry : predicted.entrySet()) {
            String entity = truth.get(entry.getKey());
            if (entity != null) {
                cells.merge(new Cell(Objects.requireNonNull(entry.getValue(), "cluster id"), entity), 1L, Long::sum);
            }
        }
        ContingencySums sums = sums(cells);
        long both = sums.records();
        Map<String, Long> labelledEntitySize = new HashMap<>();
        truth.values().forEach(entity -> labelledEntitySize.merge(entity, 1L, Long::sum));
        long labelledPairs = labelledEntitySize.values().stream().mapToLong(ContingencySums::pairs).sum();
        return new EvaluationResult(predicted.size(), truth.size(), predicted.size() - both, truth.size() - both,
                labelledPairs, ClusteringMetrics.of(sums));
    }

    /** The sums over contingency cells: (cluster, entity) -> records in both. */
    static ContingencySums sums(Map<Cell, Long> cells) {
        Map<String, Long> clusterSize = new HashMap<>();
        Map<String, Long> entitySize = new HashMap<>();
        Map<String, Set<String>> entitiesPerCluster = new HashMap<>();
        Map<String, Set<String>> clustersPerEntity = new HashMap<>();
        cells.forEach((cell, n) -> {
            clusterSize.merge(cell.cluster(), n, Long::sum);
            entitySize.merge(cell.entity(), n, Long::sum);
            entitiesPerCluster.computeIfAbsent(cell.cluster(), k -> new HashSet<>()).add(cell.entity());
            clustersPerEntity.computeIfAbsent(cell.entity(), k -> new HashSet<>()).add(cell.cluster());
        });
        long records = 0;
        long correctPairs = 0;
        double bcubedPrecision = 0;
        double bcubedRecall = 0;
        for (Map.Entry<Cell, Long> entry : cells.entrySet()) {
            long n = entry.getValue();
            records += n;
            correctPairs += ContingencySums.pairs(n);
            bcubedPrecision += (double) n * n / clusterSize.get(entry.getKey().cluster());
            bcubedRecall += (double) n * n / entitySize.get(entry.getKey().entity());
        }
        return new ContingencySums(records, clusterSize.size(), entitySize.size(),
                clusterSize.values().stream().mapToLong(ContingencySums::pairs).sum(),
                entitySize.values().stream().mapToLong(ContingencySums::pairs).sum(),
                correctPairs, bcubedPrecision, bcubedRecall,
                entitiesPerCluster.values().stream().filter(s -> s.size() >= 2).count(),
                clustersPerEntity.values().stream().filter(s -> s.size() >= 2).count());
    }

    record Cell(String cluster, String entity) {
    }
}
