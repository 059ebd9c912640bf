package io.customerhub.reader;

import java.util.List;

/**
 * Net changes of the golden table between two versions: rows inserted or changed (their current
 * values) and golden ids whose row is gone (erased or removed). An id changed several times in
 * between appears once, with its latest values.
 */
public record GoldenChanges(long fromVersion, long toVersion, List<GoldenRow> upserted, List<String> removedIds) {

    public GoldenChanges {
        upserted = List.copyOf(upserted);
        removedIds = List.copyOf(removedIds);
    }
}
