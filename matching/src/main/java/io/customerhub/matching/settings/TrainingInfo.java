package io.customerhub.matching.settings;

/**
 * How a settings version was trained, kept in the settings so a score can be traced to its data.
 *
 * @param trainedAt          ISO-8601 instant
 * @param method             e.g. "em", "em+labels"
 * @param randomPairs        random pairs used to estimate u
 * @param blockedPairs       blocked pairs EM ran over
 * @param labelledMatches    steward-confirmed same-customer pairs
 * @param labelledNonMatches steward-confirmed different-customer pairs
 * @param emIterations       iterations run
 * @param converged          whether EM converged before its iteration cap
 * @param blockedMatchShare  estimated share of matches among blocked pairs
 * @param previousVersion    the settings version training started from
 */
public record TrainingInfo(String trainedAt, String method, long randomPairs, long blockedPairs, long labelledMatches,
                           long labelledNonMatches, int emIterations, boolean converged, double blockedMatchShare,
                           String previousVersion) {
}
