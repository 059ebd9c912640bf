package io.customerhub.jobs.ingest;

import java.util.List;
import java.util.Map;

/**
 * Counts of one source's ingestion. read = accepted + quarantined, always; rows of erased records
 * are dropped before and counted apart (rows in the extract = read + suppressedErased).
 *
 * @param rejectRateExceeded true when the run failed because too many rows were quarantined
 */
public record IngestResult(
        String source,
        String runId,
        long read,
        long accepted,
        long quarantined,
        Map<QuarantineReason, Long> quarantinedByReason,
        List<String> warnings,
        double rejectRate,
        double maxRejectRate,
        boolean rejectRateExceeded,
        long suppressedErased) {

    public IngestResult {
        quarantinedByReason = Map.copyOf(quarantinedByReason);
        warnings = List.copyOf(warnings);
    }

    public boolean reconciles() {
        return read == accepted + quarantined;
    }
}
