package io.customerhub.jobs.table;

import io.customerhub.matching.record.CanonicalField;
import io.customerhub.matching.record.StandardizedRecord;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code records} table: one current row per (source_system, source_id) with the source's
 * values (canonical column names), their standardised forms ({@code std_*}) and the record's
 * lifecycle (first seen, last changed, retired).
 */
public final class RecordsTable {

    /** Standardised columns, in the order of {@link #STD_SCHEMA}. */
    public static final List<String> STD_COLUMNS = List.of(
            "std_given_name", "std_family_name", "std_birth_name", "std_given_phonetic", "std_family_phonetic",
            "std_date_of_birth", "std_gender", "std_email", "std_phone", "std_mobile_phone", "std_address_line",
            "std_house_number", "std_postcode", "std_city", "std_country", "std_national_id");

    public static final StructType STD_SCHEMA = stdSchema();

    private RecordsTable() {
    }

    public static String recordKey(String sourceSystem, String sourceId) {
        return sourceSystem + "/" + sourceId;
    }

    /** The standardised values of a record, as stored ({@code STD_COLUMNS} then customer_numbers). */
    public static Object[] stdValues(StandardizedRecord r) {
        return new Object[] {r.givenName(), r.familyName(), r.birthName(), r.givenNamePhonetic(), r.familyNamePhonetic(),
                r.dateOfBirth(), r.gender(), r.email(), r.phone(), r.mobilePhone(), r.addressLine(), r.houseNumber(),
                r.postcode(), r.city(), r.country(), r.nationalId(), scala.jdk.javaapi.CollectionConverters.asScala(r.customerNumbers()).toSeq()};
    }

    /** Rebuilds the record the comparisons read from a row holding the std columns (by name). */
    public static StandardizedRecord fromRow(Row row) {
        return fromRow(row, "");
    }

    /** As {@link #fromRow(Row)} for a row whose columns carry a prefix (e.g. "l_" in a pair). */
    public static StandardizedRecord fromRow(Row row, String prefix) {
        int ids = row.fieldIndex(prefix + "customer_numbers");
        return new StandardizedRecord(row.getAs(prefix + "source_system"), row.getAs(prefix + "source_id"),
                row.getAs(prefix + "std_given_name"), row.getAs(prefix + "std_family_name"), row.getAs(prefix + "std_birth_name"),
                row.getAs(prefix + "std_given_phonetic"), row.getAs(prefix + "std_family_phonetic"), row.getAs(prefix + "std_date_of_birth"),
                row.getAs(prefix + "std_gender"), row.getAs(prefix + "std_email"), row.getAs(prefix + "std_phone"),
                row.getAs(prefix + "std_mobile_phone"), row.getAs(prefix + "std_address_line"), row.getAs(prefix + "std_house_number"),
                row.getAs(prefix + "std_postcode"), row.getAs(prefix + "std_city"), row.getAs(prefix + "std_country"),
                row.getAs(prefix + "std_national_id"), row.isNullAt(ids) ? List.of() : row.getList(ids));
    }

    /** The column names with a prefix, to join records to both sides of a pair ("l_", "r_"). */
    public static String[] prefixed(String prefix, String[] columns) {
        String[] out = new String[columns.length];
        for (int i = 0; i < columns.length; i++) {
            out[i] = prefix + columns[i];
        }
        return out;
    }

    /** Canonical (source-value) column names, in {@link CanonicalField} order. */
    public static List<String> canonicalColumns() {
        return java.util.Arrays.stream(CanonicalField.values()).map(CanonicalField::columnName).toList();
    }

    private static StructType stdSchema() {
        StructType schema = new StructType();
        for (String column : STD_COLUMNS) {
            schema = schema.add(column, DataTypes.StringType, true);
        }
        return schema.add("customer_numbers", DataTypes.createArrayType(DataTypes.StringType), false);
    }
}
