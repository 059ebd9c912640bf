package io.customerhub.jobs.ingest;

import java.util.List;
import java.util.Map;

/**
 * Counts of one source's ingestion. read = accepted + quarantined, always; rows of erased records
 * are dropped before and counted apart (rows in the extract = read + suppressedErased).
 *
 * @param rejectRateExceeded true when the run failed because too many rows were quarantined
 * @param unchangedSinceRun  the earlier run that published the same extract, when this one was
 *                           therefore not read (all counts 0); null when it was read
 * @param snapshotShrink     what a full snapshot would retire; null for a delta extract or a new hub
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
        long suppressedErased,
        String unchangedSinceRun,
        SnapshotShrink snapshotShrink) {

    public IngestResult {
        quarantinedByReason = Map.copyOf(quarantinedByReason);
        warnings = List.copyOf(warnings);
    }

    /** A source whose extract was not read: bronze already holds the same one, from {@code run}. */
    public static IngestResult unchanged(String source, String runId, double maxRejectRate, String run) {
        return new IngestResult(source, runId, 0, 0, 0, Map.of(), List.of(), 0, maxRejectRate, false, 0, run, null);
    }

    public boolean snapshotRefused() {
        return snapshotShrink != null && snapshotShrink.refused();
    }

    /** True when nothing of the source was published: too many rows rejected, or a snapshot cut short. */
    public boolean failed() {
        return rejectRateExceeded || snapshotRefused();
    }

    public boolean skippedAsUnchanged() {
        return unchangedSinceRun != null;
    }

    public boolean reconciles() {
        return read == accepted + quarantined;
    }
}
