package io.customerhub.jobs.ingest;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import java.util.regex.Pattern;

/**
 * What one ingestion run needs besides the contract.
 *
 * @param maxRejectRate   fraction of quarantined rows above which a source's run fails (a contract's
 *                        own maxRejectRate wins)
 * @param rereadUnchanged read an extract even when bronze already published the same one (same
 *                        files, bytes and contract) in an earlier run
 * @param maxRetiredShare for this run only, the share of a source's current records a full snapshot
 *                        may retire (wins over the contract's extract.maxRetiredShare); null: the contract's
 */
public record IngestOptions(HubTables tables, String runId, double maxRejectRate, boolean rereadUnchanged, Double maxRetiredShare) {

    public static final double DEFAULT_MAX_REJECT_RATE = 0.05;
    private static final Pattern RUN_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.:+-]{0,63}$");

    public IngestOptions {
        requireValidRunId(runId);
        if (maxRejectRate < 0 || maxRejectRate > 1) {
            throw HubException.of("--max-reject-rate " + maxRejectRate + " is out of range",
                    "it is a fraction of the rows read", "give a value between 0 and 1, e.g. 0.05");
        }
        if (maxRetiredShare != null && (maxRetiredShare < 0 || maxRetiredShare > 1)) {
            throw HubException.of("--max-retired-share " + maxRetiredShare + " is out of range",
                    "it is a fraction of the source's current records", "give a value between 0 and 1, e.g. 0.10");
        }
    }

    /** Options whose snapshot guard is the contract's. */
    public IngestOptions(HubTables tables, String runId, double maxRejectRate, boolean rereadUnchanged) {
        this(tables, runId, maxRejectRate, rereadUnchanged, null);
    }

    /** Options that skip an extract already published unchanged. */
    public IngestOptions(HubTables tables, String runId, double maxRejectRate) {
        this(tables, runId, maxRejectRate, false);
    }

    public static String requireValidRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw HubException.of("run id '" + runId + "' is not usable", "run ids are stored in tables and used in file paths",
                    "use letters, digits and . _ : + - (e.g. the logical date 2026-11-23)");
        }
        return runId;
    }
}
