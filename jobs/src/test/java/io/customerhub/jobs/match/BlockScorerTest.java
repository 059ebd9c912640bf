package io.customerhub.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.customerhub.matching.record.StandardizedRecord;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scoring each block's pairs without Spark: each pair once, in the first block its records share, and only with a changed record. */
class BlockScorerTest {

    private static final long RULE0_X = BlockIds.of(0, "x");
    private static final long RULE1_Y = BlockIds.of(1, "y");
    private static final long RULE1_Z = BlockIds.of(1, "z");

    private static BlockScorer.Member member(long block, String key, boolean changed, long... usable) {
        StandardizedRecord record = new StandardizedRecord("s", key, key, "name", null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, List.of());
        return new BlockScorer.Member(block, key, changed, java.util.Arrays.stream(usable).sorted().toArray(), record);
    }

    /** Scored pairs as "left|right|rule", and each comparison's records as "left-right". */
    private static List<String> score(List<BlockScorer.Member> sortedByBlock, List<String> compared) {
        List<String> out = new ArrayList<>();
        new BlockScorer(sortedByBlock.iterator(), (left, right) -> {
            compared.add(left.record().sourceId() + "-" + right.record().sourceId());
            return null;
        }).forEachRemaining(p -> out.add(p.leftKey() + "|" + p.rightKey() + "|" + p.rule()));
        return out;
    }

    @Test
    void aPairInBlocksOfTwoRulesIsScoredOnceForTheFirstRuleWithTheSmallerKeyOnTheLeft() {
        List<String> compared = new ArrayList<>();
        List<BlockScorer.Member> members = List.of(
                member(RULE0_X, "b", true, RULE0_X, RULE1_Y), member(RULE0_X, "a", false, RULE0_X, RULE1_Y),
                member(RULE1_Y, "b", true, RULE0_X, RULE1_Y), member(RULE1_Y, "a", false, RULE0_X, RULE1_Y),
                member(RULE1_Y, "c", true, RULE1_Y));
        assertThat(score(members, compared)).containsExactly("a|b|0", "b|c|1", "a|c|1");
        assertThat(compared).as("each pair compared once, left before right").containsExactly("a-b", "b-c", "a-c");
    }

    @Test
    void aSharedBlockThatIsNotUsableLeavesThePairToTheNextSharedBlock() {
        // Both records are in rule 0's block x, but it is over its cap: not among their usable blocks.
        List<BlockScorer.Member> members = List.of(
                member(RULE1_Y, "a", true, RULE1_Y, RULE1_Z), member(RULE1_Y, "b", true, RULE1_Y, RULE1_Z),
                member(RULE1_Z, "a", true, RULE1_Y, RULE1_Z), member(RULE1_Z, "b", true, RULE1_Y, RULE1_Z));
        List<String> pairs = score(members.stream().sorted(java.util.Comparator.comparingLong(BlockScorer.Member::block)).toList(),
                new ArrayList<>());
        assertThat(pairs).as("scored once, in the smaller of the two blocks of rule 1").containsExactly("a|b|1");
    }

    @Test
    void aPairNeedsAChangedRecordAndARecordIsNotPairedWithItself() {
        List<BlockScorer.Member> members = List.of(
                member(RULE0_X, "a", false, RULE0_X), member(RULE0_X, "b", false, RULE0_X), member(RULE0_X, "c", true, RULE0_X),
                member(RULE1_Y, "p", false, RULE1_Y), member(RULE1_Y, "q", false, RULE1_Y),
                member(RULE1_Z, "s", true, RULE1_Z), member(RULE1_Z, "s", true, RULE1_Z));
        assertThat(score(members, new ArrayList<>())).containsExactly("a|c|0", "b|c|0");
        assertThat(score(List.of(), new ArrayList<>())).isEmpty();
        assertThat(score(List.of(member(RULE0_X, "a", true, RULE0_X)), new ArrayList<>())).isEmpty();
    }
}
