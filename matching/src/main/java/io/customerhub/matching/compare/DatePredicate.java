package io.customerhub.matching.compare;

/**
 * A date level: a test on two packed dates ({@link DateParts}), parsed once per record by
 * {@link PreparedRecord}.
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
    public boolean test(PreparedRecord a, PreparedRecord b) {
        return test.test(a.packedDateOfBirth(), b.packedDateOfBirth());
    }
}
