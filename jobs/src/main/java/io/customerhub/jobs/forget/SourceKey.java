package io.customerhub.jobs.forget;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.RecordsTable;

/** One source record, named as the silo names it: (source_system, source_id). */
public record SourceKey(String sourceSystem, String sourceId) implements Comparable<SourceKey> {

    public SourceKey {
        if (sourceSystem == null || sourceSystem.isBlank() || sourceId == null || sourceId.isBlank()) {
            throw HubException.of("a source record needs a source and an id", "--source or --source-id is blank",
                    "pass --source <system> --source-id <id>");
        }
    }

    /** The key the records, xref and pairs tables use: {@code <source>/<id>}. */
    public String recordKey() {
        return RecordsTable.recordKey(sourceSystem, sourceId);
    }

    /** Parses a record key; the source name holds no '/', the id may. */
    public static SourceKey parse(String recordKey) {
        int slash = recordKey.indexOf('/');
        if (slash <= 0 || slash == recordKey.length() - 1) {
            throw HubException.of("'" + recordKey.replaceAll("[^/]", "*") + "' is not a record key", "record keys are <source>/<id>",
                    "write lines as <source_system>/<source_id> or golden:<golden_id>");
        }
        return new SourceKey(recordKey.substring(0, slash), recordKey.substring(slash + 1));
    }

    @Override
    public int compareTo(SourceKey other) {
        return recordKey().compareTo(other.recordKey());
    }
}
