package io.customerhub.jobs.generate;

import java.util.List;

/** The four demo silos, each with its own file and the kinds of bad rows its format allows. */
public enum SourceSystem {
    BRANCH_CRM("branch_crm", "branch_crm.csv", 0.55, List.of(
            BadRowKind.MALFORMED_LINE, BadRowKind.IMPOSSIBLE_DATE, BadRowKind.MISSING_REQUIRED_FIELD,
            BadRowKind.EMPTY_SOURCE_ID, BadRowKind.DUPLICATE_SOURCE_ID)),
    CALL_CENTRE("call_centre", "call_centre.csv", 0.35, List.of(
            BadRowKind.MALFORMED_LINE, BadRowKind.UNDECODABLE_BYTES, BadRowKind.IMPOSSIBLE_DATE,
            BadRowKind.MISSING_REQUIRED_FIELD, BadRowKind.EMPTY_SOURCE_ID, BadRowKind.DUPLICATE_SOURCE_ID)),
    WEB_ACCOUNTS("web_accounts", "web_accounts.jsonl", 0.5, List.of(
            BadRowKind.MALFORMED_JSON, BadRowKind.UNDECODABLE_BYTES, BadRowKind.IMPOSSIBLE_DATE,
            BadRowKind.MISSING_REQUIRED_FIELD, BadRowKind.EMPTY_SOURCE_ID, BadRowKind.DUPLICATE_SOURCE_ID)),
    // Parquet is typed and self-describing: no malformed lines or bytes, only bad values.
    MOBILE_APP("mobile_app", "mobile_app", 0.4, List.of(
            BadRowKind.IMPOSSIBLE_DATE, BadRowKind.MISSING_REQUIRED_FIELD, BadRowKind.EMPTY_SOURCE_ID,
            BadRowKind.DUPLICATE_SOURCE_ID));

    private final String systemName;
    private final String fileName;
    private final double participation;
    private final List<BadRowKind> badRowKinds;

    SourceSystem(String systemName, String fileName, double participation, List<BadRowKind> badRowKinds) {
        this.systemName = systemName;
        this.fileName = fileName;
        this.participation = participation;
        this.badRowKinds = badRowKinds;
    }

    /** The source system name used in contracts, truth.csv and the manifest. */
    public String systemName() {
        return systemName;
    }

    /** File (or, for Parquet, directory) name inside the output directory. */
    public String fileName() {
        return fileName;
    }

    /** Share of people who hold a record in this silo (before age adjustments). */
    public double participation() {
        return participation;
    }

    public List<BadRowKind> badRowKinds() {
        return badRowKinds;
    }
}
