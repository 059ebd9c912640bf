package io.customerhub.matching.model;

import java.util.Map;

/**
 * What training reads, as counts per distinct comparison vector ("3,1,0,2" -> pairs), so EM runs
 * over a few thousand patterns whatever the number of pairs. Every map may be empty.
 *
 * @param randomPairPatterns       vectors of a random sample of record pairs: estimates u
 * @param blockedPairPatterns      vectors of all blocked (candidate) pairs: EM estimates m and the match share
 * @param labelledMatchPatterns    vectors of pairs stewards confirmed as one customer
 * @param labelledNonMatchPatterns vectors of pairs stewards confirmed as different customers
 * @param totalPairs               n(n-1)/2 over the records table, to turn the blocked match share into
 *                                 the prior; 0 keeps the current prior
 */
public record TrainingData(Map<String, Long> randomPairPatterns, Map<String, Long> blockedPairPatterns,
                           Map<String, Long> labelledMatchPatterns, Map<String, Long> labelledNonMatchPatterns,
                           long totalPairs) {

    public TrainingData {
        randomPairPatterns = randomPairPatterns == null ? Map.of() : Map.copyOf(randomPairPatterns);
        blockedPairPatterns = blockedPairPatterns == null ? Map.of() : Map.copyOf(blockedPairPatterns);
        labelledMatchPatterns = labelledMatchPatterns == null ? Map.of() : Map.copyOf(labelledMatchPatterns);
        labelledNonMatchPatterns = labelledNonMatchPatterns == null ? Map.of() : Map.copyOf(labelledNonMatchPatterns);
    }

    /** Unsupervised: random pairs for u, blocked pairs for EM. */
    public static TrainingData unlabelled(Map<String, Long> randomPairPatterns, Map<String, Long> blockedPairPatterns, long totalPairs) {
        return new TrainingData(randomPairPatterns, blockedPairPatterns, Map.of(), Map.of(), totalPairs);
    }
}
