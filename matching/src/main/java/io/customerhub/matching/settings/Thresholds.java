package io.customerhub.matching.settings;

/**
 * Decision thresholds on match probability: LINK at or above {@code link}, REVIEW at or above
 * {@code review}, NO_LINK below.
 */
public record Thresholds(double link, double review) {
}
