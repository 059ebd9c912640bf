package io.customerhub.jobs.standardize;

import java.util.Map;

/**
 * Counts of one standardize run: bronze rows read and what they did to {@code records}.
 *
 * @param valuesNulled values standardisation could not use (invalid e-mail, phone...), by field and reason, among the
 *                     rows standardised this run (new and changed ones: unchanged rows are not standardised again)
 */
public record StandardizeResult(long bronzeRows, long newRecords, long changedRecords, long retiredRecords,
                                long unchangedRecords, long currentRecords, Map<String, Long> valuesNulled) {

    public StandardizeResult {
        valuesNulled = Map.copyOf(valuesNulled);
    }
}
