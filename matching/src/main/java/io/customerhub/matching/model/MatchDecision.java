package io.customerhub.matching.model;

/**
 * A decision with its reason and the score it came from.
 *
 * @param decision      LINK, REVIEW or NO_LINK
 * @param reason        "shared strong identifier", "conflicting strong identifiers", "probability >= link threshold", ...
 * @param deterministic true when a deterministic rule decided, not the thresholds
 * @param score         the model score (always computed, for the explanation)
 */
public record MatchDecision(Decision decision, String reason, boolean deterministic, ScoredPair score) {
}
