package io.customerhub.jobs.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.customerhub.matching.blocking.BlockingRule;
import io.customerhub.matching.record.StandardizedRecord;
import io.customerhub.matching.settings.DefaultSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Block ids: the rule in the top bits so sorting orders blocks by rule, and the first block two records share. */
class BlockIdsTest {

    @Test
    void theRuleIsReadBackAndOrdersTheIdsWhateverTheKey() {
        long late = BlockIds.of(3, "a");
        long early = BlockIds.of(1, "zzzzzz");
        assertThat(BlockIds.rule(late)).isEqualTo(3);
        assertThat(BlockIds.rule(early)).isEqualTo(1);
        assertThat(early).isLessThan(late).isNotNegative();
        assertThat(BlockIds.of(1, "zzzzzz")).as("stable").isEqualTo(early);
        assertThat(BlockIds.of(1, "zzzzzy")).isNotEqualTo(early);
        assertThat(BlockIds.of(2, "zzzzzz")).as("the same key under another rule is another block").isNotEqualTo(early);
        assertThat(BlockIds.of(BlockIds.MAX_RULES - 1, "x")).isPositive();
        assertThatThrownBy(() -> BlockIds.of(BlockIds.MAX_RULES, "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRecordsBlocksAreSortedDistinctAndOneKeyPerRuleItHasAKeyFor() {
        List<BlockingRule> rules = DefaultSettings.blockingRules();
        StandardizedRecord record = new StandardizedRecord("crm", "1", "marie", "dupont", null, "MR", "TPNT", "1980-02-13", "F",
                "marie.dupont@example.fr", null, null, null, null, "75002", "paris", "FR", null, List.of());
        long[] ids = BlockIds.of(rules, record);
        long expected = 0;
        for (int r = 0; r < rules.size(); r++) {
            expected += rules.get(r).keysFor(record).stream().distinct().count();
        }
        assertThat(ids).hasSize((int) expected).isSorted().doesNotHaveDuplicates();
        assertThat(ids).contains(BlockIds.of(rules.indexOf(rules.stream().filter(r -> r.name().equals("email")).findFirst().orElseThrow()),
                rules.stream().filter(r -> r.name().equals("email")).findFirst().orElseThrow().keysFor(record).get(0)));
    }

    @Test
    void firstSharedIsTheSmallestCommonIdOrMinusOne() {
        assertThat(BlockIds.firstShared(new long[] {1, 4, 9, 12}, new long[] {2, 9, 12})).isEqualTo(9);
        assertThat(BlockIds.firstShared(new long[] {1, 4}, new long[] {2, 3, 5})).isEqualTo(-1);
        assertThat(BlockIds.firstShared(new long[] {}, new long[] {2})).isEqualTo(-1);
    }
}
