package io.customerhub.jobs.ingest;

/**
 * A validated record: accepted (reason null) with its canonical values, or quarantined with a
 * reason. {@code values} is indexed by {@link io.customerhub.matching.record.CanonicalField#ordinal()}.
 */
public record IngestedRow(
        String file,
        long line,
        String rawText,
        String sourceId,
        boolean deleted,
        String[] values,
        QuarantineReason reason,
        String reasonDetail,
        String warning) {

    public boolean accepted() {
        return reason == null;
    }
}
