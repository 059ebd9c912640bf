package io.customerhub.jobs.golden;

import io.customerhub.matching.survivorship.AddressValue;
import io.customerhub.matching.survivorship.Attribute;
import io.customerhub.matching.survivorship.ConsentChoice;
import io.customerhub.matching.survivorship.GoldenRecord;
import io.customerhub.matching.survivorship.ListEntry;
import io.customerhub.matching.survivorship.Purpose;
import io.customerhub.matching.survivorship.Survived;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code golden} table, the published contract (documented in the README, versioned in
 * {@code schemas/tables/golden.schema.json}): one row per golden id, active or retired.
 */
public final class GoldenTable {

    /** Published schema version; a change to {@link #SCHEMA} must bump it (a test holds this). */
    public static final String SCHEMA_VERSION = "1.0";
    public static final String STATUS_ACTIVE = "active";
    public static final String STATUS_RETIRED = "retired";

    /** Single-valued text attributes, in column order. */
    public static final List<Attribute> TEXT_ATTRIBUTES = List.of(Attribute.TITLE, Attribute.GIVEN_NAME, Attribute.MIDDLE_NAME,
            Attribute.FAMILY_NAME, Attribute.BIRTH_NAME, Attribute.FULL_NAME, Attribute.DATE_OF_BIRTH, Attribute.GENDER);
    public static final List<Attribute> LIST_ATTRIBUTES = List.of(Attribute.EMAILS, Attribute.PHONES, Attribute.MOBILE_PHONES,
            Attribute.CUSTOMER_NUMBERS);

    static final StructType VALUE = new StructType()
            .add("value", DataTypes.StringType).add("source_system", DataTypes.StringType)
            .add("source_id", DataTypes.StringType).add("updated_at", DataTypes.TimestampType);
    static final StructType ADDRESS = new StructType()
            .add("line1", DataTypes.StringType).add("line2", DataTypes.StringType).add("house_number", DataTypes.StringType)
            .add("postcode", DataTypes.StringType).add("city", DataTypes.StringType).add("country", DataTypes.StringType)
            .add("source_system", DataTypes.StringType).add("source_id", DataTypes.StringType).add("updated_at", DataTypes.TimestampType);
    static final StructType ENTRY = new StructType()
            .add("value", DataTypes.StringType).add("sources", DataTypes.createArrayType(DataTypes.StringType))
            .add("updated_at", DataTypes.TimestampType);
    static final StructType CONSENT = new StructType()
            .add("granted", DataTypes.BooleanType).add("source_system", DataTypes.StringType)
            .add("source_id", DataTypes.StringType).add("expressed_at", DataTypes.TimestampType);

    /** What survivorship computes per golden id (the content compared between runs). */
    public static final StructType CONTENT_SCHEMA = contentSchema();

    /** The stored table: content, its hash, and the runs that created and last changed the row. */
    public static final StructType SCHEMA = CONTENT_SCHEMA
            .add("content_hash", DataTypes.StringType, false)
            .add("created_run", DataTypes.StringType, false)
            .add("last_changed_run", DataTypes.StringType, false);

    private GoldenTable() {
    }

    /** An active golden id's row in {@link #CONTENT_SCHEMA} order. */
    public static Row activeRow(String goldenId, GoldenRecord g) {
        List<Object> values = new ArrayList<>();
        values.add(goldenId);
        values.add(STATUS_ACTIVE);
        values.add(null);
        for (Attribute a : TEXT_ATTRIBUTES) {
            Survived<String> s = g.value(a);
            values.add(s == null ? null : RowFactory.create(s.value(), s.sourceSystem(), s.sourceId(), ts(s.updatedAt())));
        }
        values.add(address(g.address()));
        for (Attribute a : LIST_ATTRIBUTES) {
            List<Row> entries = new ArrayList<>();
            for (ListEntry e : g.list(a)) {
                entries.add(RowFactory.create(e.value(), seq(e.sources()), ts(e.updatedAt())));
            }
            values.add(seq(entries));
        }
        for (Purpose p : Purpose.values()) {
            ConsentChoice c = g.consent(p);
            values.add(c == null ? null : RowFactory.create(c.granted(), c.sourceSystem(), c.sourceId(), ts(c.expressedAt())));
        }
        values.add(g.recordCount());
        values.add(seq(g.sourceSystems()));
        return RowFactory.create(values.toArray());
    }

    private static Row address(Survived<AddressValue> s) {
        if (s == null) {
            return null;
        }
        AddressValue a = s.value();
        return RowFactory.create(a.line1(), a.line2(), a.houseNumber(), a.postcode(), a.city(), a.country(),
                s.sourceSystem(), s.sourceId(), ts(s.updatedAt()));
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static <T> scala.collection.immutable.Seq<T> seq(List<T> list) {
        return CollectionConverters.asScala(list).toSeq();
    }

    private static StructType contentSchema() {
        StructType s = new StructType()
                .add("golden_id", DataTypes.StringType, false)
                .add("status", DataTypes.StringType, false)
                .add("successor_golden_id", DataTypes.StringType, true);
        for (Attribute a : TEXT_ATTRIBUTES) {
            s = s.add(a.columnName(), VALUE, true);
        }
        s = s.add("address", ADDRESS, true);
        for (Attribute a : LIST_ATTRIBUTES) {
            s = s.add(a.columnName(), DataTypes.createArrayType(ENTRY), false);
        }
        for (Purpose p : Purpose.values()) {
            s = s.add(p.columnName(), CONSENT, true);
        }
        return s.add("record_count", DataTypes.IntegerType, false)
                .add("source_systems", DataTypes.createArrayType(DataTypes.StringType), false);
    }
}
