package io.customerhub.matching.standardize;

import io.customerhub.matching.record.CanonicalField;

/**
 * One value that standardisation dropped or changed, for data-quality counts. The reason is a
 * fixed text naming the problem ("invalid domain in e-mail") and never contains the value itself,
 * so issues can be logged and aggregated without exposing personal data.
 */
public record StandardizationIssue(CanonicalField field, String reason) {
}
