package io.customerhub.matching.compare;

import io.customerhub.matching.record.StandardizedRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@link StandardizedRecord} fields that comparisons and blocking rules may name in settings,
 * under their snake_case column names. Single-valued fields are read with {@link #get}; the
 * customer numbers, a list, with {@link StandardizedRecord#customerNumbers()}.
 */
public enum RecordField {
    GIVEN_NAME("given_name"),
    FAMILY_NAME("family_name"),
    BIRTH_NAME("birth_name"),
    GIVEN_NAME_PHONETIC("given_name_phonetic"),
    FAMILY_NAME_PHONETIC("family_name_phonetic"),
    DATE_OF_BIRTH("date_of_birth"),
    GENDER("gender"),
    EMAIL("email"),
    PHONE("phone"),
    MOBILE_PHONE("mobile_phone"),
    ADDRESS_LINE("address_line"),
    HOUSE_NUMBER("house_number"),
    POSTCODE("postcode"),
    CITY("city"),
    COUNTRY("country"),
    NATIONAL_ID("national_id"),
    /** Multi-valued: the record's "namespace:value" strong identifiers. */
    CUSTOMER_NUMBER("customer_number");

    private final String columnName;

    RecordField(String columnName) {
        this.columnName = columnName;
    }

    public String columnName() {
        return columnName;
    }

    public boolean isMultiValued() {
        return this == CUSTOMER_NUMBER;
    }

    /** The field's value, or null when missing; blank strings count as missing. */
    public String get(StandardizedRecord r) {
        String v = switch (this) {
            case GIVEN_NAME -> r.givenName();
            case FAMILY_NAME -> r.familyName();
            case BIRTH_NAME -> r.birthName();
            case GIVEN_NAME_PHONETIC -> r.givenNamePhonetic();
            case FAMILY_NAME_PHONETIC -> r.familyNamePhonetic();
            case DATE_OF_BIRTH -> r.dateOfBirth();
            case GENDER -> r.gender();
            case EMAIL -> r.email();
            case PHONE -> r.phone();
            case MOBILE_PHONE -> r.mobilePhone();
            case ADDRESS_LINE -> r.addressLine();
            case HOUSE_NUMBER -> r.houseNumber();
            case POSTCODE -> r.postcode();
            case CITY -> r.city();
            case COUNTRY -> r.country();
            case NATIONAL_ID -> r.nationalId();
            case CUSTOMER_NUMBER -> r.customerNumbers().isEmpty() ? null : r.customerNumbers().get(0);
        };
        return v == null || v.isEmpty() ? null : v;
    }

    /** Looked up per record while blocking, so a map rather than a scan of the values. */
    private static final Map<String, RecordField> BY_COLUMN_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(RecordField::columnName, Function.identity()));

    public static Optional<RecordField> byColumnName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_COLUMN_NAME.get(name));
    }

    public static List<String> columnNames() {
        return Arrays.stream(values()).map(RecordField::columnName).collect(Collectors.toList());
    }
}
