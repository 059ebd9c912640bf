package io.customerhub.jobs.forget;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.matching.record.CanonicalField;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The {@code erasures} table: one row per {@code hub forget}, without personal data: an id, when,
 * a reason code, counts of rows deleted per table, the table versions written, and the keyed
 * hashes of the erased source records (see {@link ErasureKey}) that ingest uses to drop them from
 * later extracts.
 */
public final class ErasuresTable {

    /** The reason code ingest gives rows it drops because their record was erased (never stored). */
    public static final String SUPPRESSED_ERASED = "SUPPRESSED_ERASED";

    public static final StructType SCHEMA = new StructType()
            .add("erasure_id", DataTypes.StringType, false)
            .add("requested_at", DataTypes.TimestampType, false)
            .add("reason_code", DataTypes.StringType, false)
            .add("run_id", DataTypes.StringType, false)
            .add("records_erased", DataTypes.LongType, false)
            .add("golden_ids_erased", DataTypes.LongType, false)
            .add("golden_rows_to_rebuild", DataTypes.LongType, false)
            .add("deleted_rows", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("table_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false)
            .add("suppression_hashes", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("vacuumed_at", DataTypes.TimestampType, true);

    private ErasuresTable() {
    }

    public static void append(SparkSession spark, HubTables tables, ForgetResult result, String runId, Timestamp at) {
        Row row = RowFactory.create(result.erasureId(), at, result.reasonCode(), runId, result.recordsErased(), result.goldenIdsErased(),
                result.goldenRowsToRebuild(), CollectionConverters.asScala(result.deletedRows()),
                CollectionConverters.asScala(result.tableVersions()), CollectionConverters.asScala(result.suppressionHashes()).toSeq(), null);
        spark.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append").save(tables.erasures());
    }

    public static void markVacuumed(SparkSession spark, HubTables tables, String erasureId) {
        DeltaTable.forPath(spark, tables.erasures()).update(col("erasure_id").equalTo(lit(erasureId)),
                Map.of("vacuumed_at", org.apache.spark.sql.functions.current_timestamp()));
    }

    /**
     * Ingest's filter: rows of {@code source} whose id was erased get reason {@link #SUPPRESSED_ERASED}
     * and lose their raw text and values, so they reach neither bronze nor quarantine.
     */
    public static Dataset<Row> markSuppressed(SparkSession spark, HubTables tables, String source, Dataset<Row> parsed) {
        if (!DeltaTable.isDeltaTable(spark, tables.erasures())) {
            return parsed;
        }
        Dataset<Row> hashes = spark.read().format("delta").load(tables.erasures())
                .select(explode(col("suppression_hashes")).as("erased_hash")).distinct();
        String key = ErasureKey.load(tables, spark.sparkContext().hadoopConfiguration(), false);
        if (key == null) {
            throw HubException.of("the hub has erasures but no erasure key", "the key file under the hub root is gone and "
                    + ErasureKey.ENV + " is not set", "restore the key (or set " + ErasureKey.ENV + ") so erased records stay suppressed");
        }
        Column erased = col("erased_hash").isNotNull();
        Dataset<Row> joined = parsed.withColumn("id_hash", ErasureKey.hashColumn(key, source, col("source_id")))
                .join(broadcast(hashes), col("id_hash").equalTo(col("erased_hash")), "left");
        java.util.Set<String> blanked = new java.util.HashSet<>(List.of("raw_text", "reason", "warning"));
        for (CanonicalField field : CanonicalField.values()) {
            blanked.add(field.columnName());
        }
        // One projection (not a withColumn per column: each would add a plan level to analyse).
        Column[] columns = java.util.Arrays.stream(parsed.columns()).map(c -> c.equals("reason_code")
                ? when(erased, lit(SUPPRESSED_ERASED)).otherwise(col(c)).as(c)
                : blanked.contains(c) ? when(erased, lit(null).cast("string")).otherwise(col(c)).as(c) : col(c)).toArray(Column[]::new);
        return joined.select(columns);
    }
}
