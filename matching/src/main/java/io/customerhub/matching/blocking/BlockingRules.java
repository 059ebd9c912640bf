package io.customerhub.matching.blocking;

import io.customerhub.matching.record.StandardizedRecord;
import java.util.List;

/**
 * Helpers over an ordered list of blocking rules. The Spark job unions the pairs of all rules; to
 * count (and keep) each pair once, a pair produced by rule i is dropped when an earlier rule also
 * produces it, as Splink does.
 */
public final class BlockingRules {

    private BlockingRules() {
    }

    /** Index of the first rule that blocks the pair together, or -1 when none does. */
    public static int firstRuleIndex(List<BlockingRule> rules, StandardizedRecord a, StandardizedRecord b) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).blocks(a, b)) {
                return i;
            }
        }
        return -1;
    }

    /** True when a rule before {@code ruleIndex} already produces the pair, so rule {@code ruleIndex} should not count it. */
    public static boolean producedByEarlierRule(List<BlockingRule> rules, int ruleIndex, StandardizedRecord a, StandardizedRecord b) {
        for (int i = 0; i < ruleIndex && i < rules.size(); i++) {
            if (rules.get(i).blocks(a, b)) {
                return true;
            }
        }
        return false;
    }
}
