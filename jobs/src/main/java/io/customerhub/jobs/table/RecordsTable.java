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
        return new Reader(row.schema(), prefix).read(row);
    }

    /**
     * Reads records from rows of one schema, the column positions looked up once: per pair scored,
     * looking each column up by name cost 19 string concatenations and hash lookups per side.
     */
    public static final class Reader implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final int[] positions;

        public Reader(StructType schema, String prefix) {
            List<String> columns = new java.util.ArrayList<>(List.of("source_system", "source_id"));
            columns.addAll(STD_COLUMNS);
            columns.add("customer_numbers");
            positions = columns.stream().mapToInt(c -> schema.fieldIndex(prefix + c)).toArray();
        }

        public StandardizedRecord read(Row row) {
            int[] p = positions;
            int ids = p[18];
            return new StandardizedRecord(row.getString(p[0]), row.getString(p[1]),
                    row.getString(p[2]), row.getString(p[3]), row.getString(p[4]), row.getString(p[5]), row.getString(p[6]),
                    row.getString(p[7]), row.getString(p[8]), row.getString(p[9]), row.getString(p[10]), row.getString(p[11]),
                    row.getString(p[12]), row.getString(p[13]), row.getString(p[14]), row.getString(p[15]), row.getString(p[16]),
                    row.getString(p[17]), row.isNullAt(ids) ? List.of() : row.getList(ids));
        }
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
