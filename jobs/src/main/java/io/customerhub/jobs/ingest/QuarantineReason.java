package io.customerhub.jobs.ingest;

/** Why a row did not enter bronze. Stored in the quarantine table with a detailed message. */
public enum QuarantineReason {
    MALFORMED_ROW("the row could not be parsed in the contract's format"),
    UNDECODABLE_BYTES("the row holds bytes that are not valid in the contract's encoding"),
    INVALID_DATE("a date or timestamp is impossible or matches none of the contract's patterns"),
    INVALID_VALUE("a value cannot be read as the field's type (e.g. a consent flag)"),
    MISSING_REQUIRED_FIELD("a field the contract requires is blank"),
    EMPTY_SOURCE_ID("the source id column is blank"),
    DUPLICATE_SOURCE_ID("the source id appears more than once in the same extract"),
    SCHEMA_DRIFT("the file's columns differ from the contract (missing required or unexpected column)");

    private final String description;

    QuarantineReason(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
