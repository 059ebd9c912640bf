package io.customerhub.matching.survivorship;

/** Marketing purposes whose consent is consolidated across channels. */
public enum Purpose {
    EMAIL("consent_email"),
    SMS("consent_sms"),
    PUSH("consent_push"),
    POST("consent_post");

    private final String columnName;

    Purpose(String columnName) {
        this.columnName = columnName;
    }

    /** The canonical field a contract maps, and the golden table's column. */
    public String columnName() {
        return columnName;
    }
}
