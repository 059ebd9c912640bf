package io.customerhub.matching.compare;

import io.customerhub.matching.record.StandardizedRecord;

/**
 * A date level: a test on two packed dates ({@link DateParts}). As a {@link RecordPredicate} it
 * parses both sides itself; a comparison made only of date levels on one field parses once per pair
 * and calls {@link #testPacked} instead (see {@code FellegiSunterModel}).
 */
public final class DatePredicate implements RecordPredicate {

    /** A condition on two packed dates. */
    @FunctionalInterface
    public interface PackedTest {
        boolean test(int a, int b);
    }

    private final RecordField field;
    private final PackedTest test;

    DatePredicate(RecordField field, PackedTest test) {
        this.field = field;
        this.test = test;
    }

    public RecordField field() {
        return field;
    }

    public boolean testPacked(int a, int b) {
        return test.test(a, b);
    }

    @Override
    public boolean test(StandardizedRecord a, StandardizedRecord b) {
        return test.test(DateParts.parse(field.get(a)), DateParts.parse(field.get(b)));
    }
}
