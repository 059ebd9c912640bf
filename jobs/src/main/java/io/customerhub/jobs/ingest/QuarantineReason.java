package io.customerhub.jobs.ingest;

/** Why a row did not enter bronze. Stored in the quarantine table with a detailed message. */
public enum QuarantineReason {
    MALFORMED_ROW("the row could not be parsed in the contract's format"),
    UNDECODABLE_BYTES("the row holds bytes that are not valid in the contract's encoding"),
    ROW_TOO_LARGE("the line is longer than 16 MiB; it was skipped unread"),
    CONTROL_CHARACTER("the id or a mapped field holds a control character (e.g. a NUL byte)"),
    FIELD_TOO_LONG("the id or a mapped field is longer than its limit (e-mail 254, id 256, other fields 1,000 characters)"),
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
