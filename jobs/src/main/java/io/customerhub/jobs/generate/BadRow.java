package io.customerhub.jobs.generate;

/** One deliberately bad row: where it is (1-based data row, header excluded) and what is wrong. */
public record BadRow(SourceSystem source, BadRowKind kind, long row, String sourceId) {
}
