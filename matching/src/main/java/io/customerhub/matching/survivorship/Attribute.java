package io.customerhub.matching.survivorship;

import java.util.Locale;

/**
 * The golden record's attributes that survive from the records of a cluster. Single-valued ones
 * keep one value with its provenance; list ones keep every distinct value with its sources.
 */
public enum Attribute {
    TITLE(Kind.SINGLE, "title"),
    GIVEN_NAME(Kind.SINGLE, "given_name"),
    MIDDLE_NAME(Kind.SINGLE, "middle_name"),
    FAMILY_NAME(Kind.SINGLE, "family_name"),
    BIRTH_NAME(Kind.SINGLE, "birth_name"),
    FULL_NAME(Kind.SINGLE, "full_name"),
    DATE_OF_BIRTH(Kind.SINGLE, "date_of_birth"),
    GENDER(Kind.SINGLE, "gender"),
    /** Street, complement, house number, postcode, city and country survive together, from one record. */
    ADDRESS(Kind.SINGLE, "address_line1"),
    EMAILS(Kind.LIST, "email"),
    PHONES(Kind.LIST, "phone"),
    MOBILE_PHONES(Kind.LIST, "mobile_phone"),
    CUSTOMER_NUMBERS(Kind.LIST, "customer_number");

    /** One surviving value, or a list of all values. */
    public enum Kind { SINGLE, LIST }

    private final Kind kind;
    private final String trustField;

    Attribute(Kind kind, String trustField) {
        this.kind = kind;
        this.trustField = trustField;
    }

    public Kind kind() {
        return kind;
    }

    /** The canonical field whose contract trust ranks this attribute's sources. */
    public String trustField() {
        return trustField;
    }

    /** The name in settings JSON and the golden table's column, e.g. "date_of_birth", "emails". */
    public String columnName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
