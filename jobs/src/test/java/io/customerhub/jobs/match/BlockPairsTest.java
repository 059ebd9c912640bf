package io.customerhub.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Pairing the members of each block, without Spark: caps, changed records, duplicates and order. */
class BlockPairsTest {

    private static Row key(int rule, long block, String record, boolean changed) {
        return RowFactory.create(rule, block, record, changed);
    }

    private static List<String> pairs(List<Row> sortedKeys, int... caps) {
        List<String> out = new ArrayList<>();
        new BlockPairs(sortedKeys.iterator(), caps)
                .forEachRemaining(r -> out.add(r.getString(0) + "|" + r.getString(1) + "|" + r.getInt(2)));
        return out;
    }

    @Test
    void pairsEachBlocksMembersWithTheSmallerKeyOnTheLeft() {
        List<Row> keys = List.of(
                key(0, 7, "c", true), key(0, 7, "a", true), key(0, 7, "b", true),
                key(1, 9, "b", true), key(1, 9, "d", false));
        assertThat(pairs(keys, 10, 10)).containsExactly("a|c|0", "b|c|0", "a|b|0", "b|d|1");
    }

    @Test
    void aPairNeedsAChangedRecordAndABlockWithoutOneGivesNothing() {
        List<Row> keys = List.of(
                key(0, 1, "a", false), key(0, 1, "b", false), key(0, 1, "c", true),
                key(0, 2, "x", false), key(0, 2, "y", false));
        assertThat(pairs(keys, 10)).containsExactly("a|c|0", "b|c|0");
    }

    @Test
    void aBlockOverItsRulesCapIsSkippedAndTheNextBlockStillPaired() {
        List<Row> keys = List.of(
                key(0, 1, "a", true), key(0, 1, "b", true), key(0, 1, "c", true),
                key(1, 2, "a", true), key(1, 2, "b", true), key(1, 2, "c", true),
                key(0, 3, "p", true), key(0, 3, "q", true));
        assertThat(pairs(keys, 2, 3)).containsExactly("a|b|1", "a|c|1", "b|c|1", "p|q|0");
    }

    @Test
    void aRecordTwiceInABlockIsNotPairedWithItselfAndSingletonsAndEmptyInputGiveNothing() {
        assertThat(pairs(List.of(key(0, 1, "a", true), key(0, 1, "a", true), key(0, 1, "b", false)), 10))
                .containsExactly("a|b|0", "a|b|0");
        assertThat(pairs(List.of(key(0, 1, "a", true), key(0, 2, "b", true)), 10)).isEmpty();
        assertThat(pairs(List.of(), 10)).isEmpty();
    }
}
