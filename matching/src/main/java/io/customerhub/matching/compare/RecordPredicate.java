package io.customerhub.matching.compare;

/** A compiled comparison-level condition over a pair of records. Must not allocate in the common case. */
@FunctionalInterface
public interface RecordPredicate {
    boolean test(PreparedRecord a, PreparedRecord b);
}
