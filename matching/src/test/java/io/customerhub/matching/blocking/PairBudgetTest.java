package io.customerhub.matching.blocking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PairBudgetTest {

    private static TreeMap<Long, Long> sizes(long... sizeThenCount) {
        TreeMap<Long, Long> m = new TreeMap<>();
        for (int i = 0; i < sizeThenCount.length; i += 2) {
            m.put(sizeThenCount[i], sizeThenCount[i + 1]);
        }
        return m;
    }

    @Test
    void pairsCountEachBlockOfAtMostTheCap() {
        TreeMap<Long, Long> s = sizes(2, 10, 3, 4, 100, 1);
        assertThat(PairBudget.pairsUpTo(s, 500)).isEqualTo(10 + 12 + 4950);
        assertThat(PairBudget.pairsUpTo(s, 99)).isEqualTo(22);
        assertThat(PairBudget.pairsUpTo(s, 1)).isZero();
    }

    @Test
    void aHubUnderTheFloorKeepsTheFixedCapOnly() {
        int[] caps = PairBudget.caps(List.of(sizes(2, 1000, 400, 10), sizes(2, 5000)), 10_000, PairBudget.DEFAULT_PAIRS_PER_RECORD, 500);
        assertThat(caps).containsExactly(500, 500);
    }

    @Test
    void theLooseRuleIsCappedAndTheTightOnesKeepAllTheirPairs() {
        long records = 1_000_000;
        // tight: 400k blocks of 2 (400k pairs); loose: 10k blocks of 50 (12.25 M) plus 5k blocks of 300 (224 M).
        TreeMap<Long, Long> tight = sizes(2, 400_000);
        TreeMap<Long, Long> loose = sizes(50, 10_000, 300, 5_000);
        int[] caps = PairBudget.caps(List.of(loose, tight), records, 20, 500);
        assertThat(caps[1]).as("under its share").isEqualTo(500);
        assertThat(caps[0]).as("the 300-blocks do not fit in the rest of 20 M pairs, the 50-blocks do").isEqualTo(50);
        long total = PairBudget.pairsUpTo(loose, caps[0]) + PairBudget.pairsUpTo(tight, caps[1]);
        assertThat(total).isLessThanOrEqualTo(20L * records);
    }

    @Test
    void everyRuleLooseSharesTheBudgetAndTheLastTakesWhatIsLeft() {
        TreeMap<Long, Long> a = sizes(10, 100_000, 1000, 10);
        int[] caps = PairBudget.caps(List.of(a, a, a), 100_000, 1, 2000);
        // 2 M floor shared by 3 rules: ~667 k each; the 10-blocks give 4.5 M, so even they do not fit.
        assertThat(caps).containsExactly(1, 1, 1);
        int[] generous = PairBudget.caps(List.of(a, a, a), 1_000_000, 20, 2000);
        // 20 M in thirds: the first two keep their 10-blocks (4.5 M each, the 1000-blocks would add 5 M); the last gets what is left (11 M, all 9.5 M).
        assertThat(generous).containsExactly(10, 10, 2000);
        assertThat(2 * PairBudget.pairsUpTo(a, 10) + PairBudget.pairsUpTo(a, 2000)).isLessThanOrEqualTo(20_000_000L);
        assertThatThrownBy(() -> PairBudget.caps(List.of(a), 10, 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
