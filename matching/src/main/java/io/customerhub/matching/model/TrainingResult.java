package io.customerhub.matching.model;

import io.customerhub.matching.settings.Settings;

/**
 * @param settings          the trained settings, with a new version and its {@code training} record
 * @param iterations        EM iterations run
 * @param converged         whether EM met its tolerance
 * @param blockedMatchShare estimated share of matches among blocked pairs
 */
public record TrainingResult(Settings settings, int iterations, boolean converged, double blockedMatchShare) {
}
