package io.customerhub.jobs.match;

import java.util.Map;

/**
 * Counts of one match run.
 *
 * @param pairsPerRule   candidate pairs counted for the first rule producing them
 * @param cappedBlocks   blocks skipped because they exceed the block size limit, per rule
 * @param recordsInCappedBlocks records in those blocks, per rule (they may still meet through other rules)
 */
public record MatchResult(long records, long comparedRecords, long pairs, Map<String, Long> pairsPerRule,
                          Map<String, Long> decisions, Map<String, Long> cappedBlocks, Map<String, Long> recordsInCappedBlocks,
                          String modelVersion) {

    public MatchResult {
        pairsPerRule = Map.copyOf(pairsPerRule);
        decisions = Map.copyOf(decisions);
        cappedBlocks = Map.copyOf(cappedBlocks);
        recordsInCappedBlocks = Map.copyOf(recordsInCappedBlocks);
    }
}
