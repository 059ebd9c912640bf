package io.customerhub.matching.record;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The canonical customer fields a source contract may map its columns to. The set is closed on
 * purpose: a column that maps to no canonical field never enters the hub, and special-category
 * data (see {@link SpecialCategory}) has no field to land in.
 */
public enum CanonicalField {
    TITLE("title", Kind.TEXT, "Courtesy title (M., Mme, Dr, Mr, Mrs); removed from names by standardisation"),
    GIVEN_NAME("given_name", Kind.TEXT, "Given (first) name(s)"),
    MIDDLE_NAME("middle_name", Kind.TEXT, "Middle name(s)"),
    FAMILY_NAME("family_name", Kind.TEXT, "Family (last) name currently used"),
    BIRTH_NAME("birth_name", Kind.TEXT, "Family name at birth (maiden name)"),
    FULL_NAME("full_name", Kind.TEXT, "Whole name in one field, in either order (\"DUPONT Marie\", \"Marie Dupont\")"),
    DATE_OF_BIRTH("date_of_birth", Kind.DATE, "Date of birth; partial dates allowed (yyyy, yyyy-MM)"),
    GENDER("gender", Kind.TEXT, "Gender as the source states it"),
    EMAIL("email", Kind.TEXT, "Primary e-mail address"),
    PHONE("phone", Kind.PHONE, "Landline or any phone number"),
    MOBILE_PHONE("mobile_phone", Kind.PHONE, "Mobile phone number"),
    ADDRESS_LINE1("address_line1", Kind.TEXT, "Street address (number, street type and name)"),
    ADDRESS_LINE2("address_line2", Kind.TEXT, "Address complement (building, flat, PO box)"),
    HOUSE_NUMBER("house_number", Kind.TEXT, "House number when held apart from the street"),
    POSTCODE("postcode", Kind.TEXT, "Postal code"),
    CITY("city", Kind.TEXT, "City or locality"),
    COUNTRY("country", Kind.TEXT, "Country name or ISO code"),
    CUSTOMER_NUMBER("customer_number", Kind.TEXT, "A strong customer identifier (the source's own or another source's, see references)"),
    NATIONAL_ID("national_id", Kind.TEXT, "A national identifier number, where the controller may lawfully hold it"),
    CONSENT_EMAIL("consent_email", Kind.BOOLEAN, "Explicit marketing choice for e-mail (true = opt-in, false = opt-out)"),
    CONSENT_SMS("consent_sms", Kind.BOOLEAN, "Explicit marketing choice for SMS"),
    CONSENT_PUSH("consent_push", Kind.BOOLEAN, "Explicit marketing choice for push notifications"),
    CONSENT_POST("consent_post", Kind.BOOLEAN, "Explicit marketing choice for post"),
    CONSENT_UPDATED_AT("consent_updated_at", Kind.TIMESTAMP, "When the consent choices were last expressed"),
    UPDATED_AT("updated_at", Kind.TIMESTAMP, "When the source last changed the record");

    /** How a raw value is parsed before it lands in bronze. */
    public enum Kind { TEXT, DATE, PHONE, BOOLEAN, TIMESTAMP }

    private final String columnName;
    private final Kind kind;
    private final String description;

    CanonicalField(String columnName, Kind kind, String description) {
        this.columnName = columnName;
        this.kind = kind;
        this.description = description;
    }

    /** The column name used in hub tables and in contracts (snake_case). */
    public String columnName() {
        return columnName;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public static Optional<CanonicalField> byColumnName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.columnName.equals(wanted)).findFirst();
    }
}
