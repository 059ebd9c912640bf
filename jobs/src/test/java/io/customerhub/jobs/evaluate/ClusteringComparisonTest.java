package io.customerhub.jobs.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Metrics on hand-made clusterings; every expected figure is worked out in the comments. */
class ClusteringComparisonTest {

    private static final Offset<Double> EXACT = within(1e-12);

    @Test
    void oneMergeAndOneSplitScoreHalfThePairs() {
        // truth: A={r1,r2,r3} B={r4,r5} C={r6};  predicted: X={r1,r2} Y={r3,r4,r5} Z={r6}
        // cells: XA=2 YA=1 YB=2 ZC=1; cluster sizes 2,3,1; entity sizes 3,2,1
        Map<String, String> truth = Map.of("r1", "A", "r2", "A", "r3", "A", "r4", "B", "r5", "B", "r6", "C");
        Map<String, String> predicted = Map.of("r1", "X", "r2", "X", "r3", "Y", "r4", "Y", "r5", "Y", "r6", "Z");

        EvaluationResult result = ClusteringComparison.compare(predicted, truth);
        ClusteringMetrics m = result.metrics();

        // predicted pairs C(2,2)+C(3,2)=4, true pairs C(3,2)+C(2,2)=4, correct C(2,2)+C(2,2)=2
        assertThat(m.sums().predictedPairs()).isEqualTo(4);
        assertThat(m.sums().truePairs()).isEqualTo(4);
        assertThat(m.sums().correctPairs()).isEqualTo(2);
        assertThat(m.pairwisePrecision()).isCloseTo(0.5, EXACT);
        assertThat(m.pairwiseRecall()).isCloseTo(0.5, EXACT);
        assertThat(m.pairwiseF1()).isCloseTo(0.5, EXACT);
        // B-cubed precision: (4/2 + 1/3 + 4/3 + 1/1) / 6 = (14/3) / 6 = 7/9; recall: (4/3 + 1/3 + 4/2 + 1) / 6 = 7/9
        assertThat(m.bcubedPrecision()).isCloseTo(7.0 / 9, EXACT);
        assertThat(m.bcubedRecall()).isCloseTo(7.0 / 9, EXACT);
        assertThat(m.bcubedF1()).isCloseTo(7.0 / 9, EXACT);
        // Y holds A and B; A lies in X and Y
        assertThat(m.sums().overMergedClusters()).isEqualTo(1);
        assertThat(m.sums().splitEntities()).isEqualTo(1);
        assertThat(m.sums().predictedClusters()).isEqualTo(3);
        assertThat(m.sums().trueEntities()).isEqualTo(3);
        assertThat(result.evaluatedRecords()).isEqualTo(6);
        assertThat(result.predictedOnly()).isZero();
        assertThat(result.truthOnly()).isZero();
    }

    @Test
    void oneBigClusterHasFullRecallAndLowPrecision() {
        // truth: A={1,2} B={3,4}; predicted: everything in X
        Map<Integer, String> truth = Map.of(1, "A", 2, "A", 3, "B", 4, "B");
        Map<Integer, String> predicted = Map.of(1, "X", 2, "X", 3, "X", 4, "X");

        ClusteringMetrics m = ClusteringComparison.compare(predicted, truth).metrics();

        // predicted pairs C(4,2)=6, true pairs 2, correct 2 -> P 1/3, R 1, F1 2*(1/3)/(4/3) = 1/2
        assertThat(m.pairwisePrecision()).isCloseTo(1.0 / 3, EXACT);
        assertThat(m.pairwiseRecall()).isCloseTo(1.0, EXACT);
        assertThat(m.pairwiseF1()).isCloseTo(0.5, EXACT);
        // B-cubed: each record's cluster is half its person -> P 1/2, R 1, F1 2*(1/2)/(3/2) = 2/3
        assertThat(m.bcubedPrecision()).isCloseTo(0.5, EXACT);
        assertThat(m.bcubedRecall()).isCloseTo(1.0, EXACT);
        assertThat(m.bcubedF1()).isCloseTo(2.0 / 3, EXACT);
        assertThat(m.sums().overMergedClusters()).isEqualTo(1);
        assertThat(m.sums().splitEntities()).isZero();
    }

    @Test
    void singletonsClaimNothingSoPrecisionIsOneAndRecallZero() {
        // truth: A={1,2,3}; predicted: three singletons
        Map<Integer, String> truth = Map.of(1, "A", 2, "A", 3, "A");
        Map<Integer, String> predicted = Map.of(1, "X", 2, "Y", 3, "Z");

        ClusteringMetrics m = ClusteringComparison.compare(predicted, truth).metrics();

        assertThat(m.sums().predictedPairs()).isZero();
        assertThat(m.pairwisePrecision()).isCloseTo(1.0, EXACT);
        assertThat(m.pairwiseRecall()).isCloseTo(0.0, EXACT);
        assertThat(m.pairwiseF1()).isCloseTo(0.0, EXACT);
        // B-cubed recall: each record finds 1 of its 3 -> 1/3; F1 2*(1/3)/(4/3) = 1/2
        assertThat(m.bcubedPrecision()).isCloseTo(1.0, EXACT);
        assertThat(m.bcubedRecall()).isCloseTo(1.0 / 3, EXACT);
        assertThat(m.bcubedF1()).isCloseTo(0.5, EXACT);
        assertThat(m.sums().splitEntities()).isEqualTo(1);
        assertThat(m.sums().overMergedClusters()).isZero();
    }

    @Test
    void aPerfectClusteringScoresOneWhateverTheIdsAre() {
        Map<String, String> truth = Map.of("a", "1", "b", "1", "c", "2");
        Map<String, String> predicted = Map.of("a", "g-7", "b", "g-7", "c", "g-9");

        ClusteringMetrics m = ClusteringComparison.compare(predicted, truth).metrics();

        assertThat(m.pairwiseF1()).isCloseTo(1.0, EXACT);
        assertThat(m.bcubedF1()).isCloseTo(1.0, EXACT);
        assertThat(m.sums().overMergedClusters()).isZero();
        assertThat(m.sums().splitEntities()).isZero();
    }

    @Test
    void recordsOnOneSideOnlyAreCountedButNotScored() {
        // r3 has no label, r4 was never clustered: scoring r1,r2 only, which are right
        Map<String, String> truth = Map.of("r1", "A", "r2", "A", "r4", "A");
        Map<String, String> predicted = Map.of("r1", "X", "r2", "X", "r3", "X");

        EvaluationResult result = ClusteringComparison.compare(predicted, truth);

        assertThat(result.predictedRecords()).isEqualTo(3);
        assertThat(result.truthRecords()).isEqualTo(3);
        assertThat(result.evaluatedRecords()).isEqualTo(2);
        assertThat(result.predictedOnly()).isEqualTo(1);
        assertThat(result.truthOnly()).isEqualTo(1);
        assertThat(result.metrics().pairwiseF1()).isCloseTo(1.0, EXACT);
        // end to end, r4 counts as a singleton: labelled pairs C(3,2)=3, correct 1 -> recall 1/3, F1 2*(1/3)/(4/3) = 1/2
        assertThat(result.labelledPairs()).isEqualTo(3);
        assertThat(result.endToEndRecall()).isCloseTo(1.0 / 3, EXACT);
        assertThat(result.endToEndF1()).isCloseTo(0.5, EXACT);
    }

    @Test
    void pairCountsDoNotOverflowForLargeClusters() {
        assertThat(ContingencySums.pairs(100_000)).isEqualTo(4_999_950_000L);
        assertThat(ContingencySums.pairs(1)).isZero();
        assertThat(ContingencySums.pairs(0)).isZero();
    }
}
