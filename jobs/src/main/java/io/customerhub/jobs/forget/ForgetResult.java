package io.customerhub.jobs.forget;

import java.util.List;
import java.util.Map;

/**
 * What one erasure did, without personal values: rows deleted per table (bronze tables as
 * {@code bronze/<source>}), the versions written, and the tables whose history still holds the
 * erased rows until they are vacuumed.
 *
 * @param goldenRowsToRebuild golden rows deleted because a remaining cluster lost a record: the next
 *                            golden step rebuilds them from the remaining records
 * @param toVacuum            tables whose older versions (time travel, change data feed) still hold
 *                            the erased rows
 */
public record ForgetResult(
        String erasureId,
        String reasonCode,
        long recordsErased,
        long goldenIdsErased,
        long goldenRowsToRebuild,
        Map<String, Long> deletedRows,
        Map<String, Long> tableVersions,
        List<String> suppressionHashes,
        List<String> toVacuum,
        List<String> skippedTables,
        boolean vacuumed) {

    public ForgetResult {
        deletedRows = Map.copyOf(deletedRows);
        tableVersions = Map.copyOf(tableVersions);
        suppressionHashes = List.copyOf(suppressionHashes);
        toVacuum = List.copyOf(toVacuum);
        skippedTables = List.copyOf(skippedTables);
    }

    /** The answer to a rerun whose golden ids an earlier erasure already removed. */
    public static ForgetResult alreadyDone(String erasureId, String reasonCode) {
        return new ForgetResult(erasureId, reasonCode, 0, 0, 0, Map.of(), Map.of(), List.of(), List.of(), List.of(), false);
    }

    public long totalDeleted() {
        return deletedRows.values().stream().mapToLong(Long::longValue).sum();
    }
}
