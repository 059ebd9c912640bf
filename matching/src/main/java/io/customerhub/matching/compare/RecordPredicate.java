package io.customerhub.matching.compare;

import io.customerhub.matching.record.StandardizedRecord;

/** A compiled comparison-level condition over a pair of records. Must not allocate in the common case. */
@FunctionalInterface
public interface RecordPredicate {
    boolean test(StandardizedRecord a, StandardizedRecord b);
}
