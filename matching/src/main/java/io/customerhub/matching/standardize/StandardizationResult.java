package io.customerhub.matching.standardize;

import io.customerhub.matching.record.StandardizedRecord;
import java.util.List;

/** A standardised record and the issues met on the way (empty when every value was clean). */
public record StandardizationResult(StandardizedRecord record, List<StandardizationIssue> issues) {

    public StandardizationResult {
        issues = issues == null ? List.of() : List.copyOf(issues);
    }
}
