package io.customerhub.jobs.table;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One step of one run, as stored in the {@code runs} table. {@code source} is "*" for steps that
 * cover all sources. {@code counts} holds the step's own counters (e.g. rows per quarantine reason).
 */
public record RunRecord(
        String runId,
        String step,
        String source,
        String status,
        Instant startedAt,
        Instant finishedAt,
        long rowsRead,
        long rowsAccepted,
        long rowsQuarantined,
        Map<String, Long> counts,
        List<String> warnings,
        String message) {

    public static final String SUCCEEDED = "SUCCEEDED";
    public static final String FAILED = "FAILED";

    public RunRecord {
        counts = counts == null ? Map.of() : Map.copyOf(counts);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
