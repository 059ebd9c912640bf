package io.customerhub.jobs.generate;

/** Deliberately broken rows that ingestion must quarantine rather than load. */
public enum BadRowKind {
    MALFORMED_LINE("malformed_line"),
    UNDECODABLE_BYTES("undecodable_bytes"),
    MALFORMED_JSON("malformed_json"),
    IMPOSSIBLE_DATE("impossible_date"),
    MISSING_REQUIRED_FIELD("missing_required_field"),
    EMPTY_SOURCE_ID("empty_source_id"),
    DUPLICATE_SOURCE_ID("duplicate_source_id");

    private final String label;

    BadRowKind(String label) {
        this.label = label;
    }

    /** snake_case name used in the manifest. */
    public String label() {
        return label;
    }
}
