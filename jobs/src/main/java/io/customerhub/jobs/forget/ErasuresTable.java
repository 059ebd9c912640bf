package io.customerhub.jobs.forget;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.matching.record.CanonicalField;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
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
 *
 * <p>The row is written first, as the erasure's request ({@link #PENDING}, with its targets sealed
 * by {@link ErasureKey#seal}), so suppression holds and a rerun can finish the erasure whatever step
 * stopped it; it becomes {@link #VACUUM_PENDING} or {@link #COMPLETE} (targets dropped) when every
 * table is done. Rows of older hubs have no status: complete.
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
            .add("vacuumed_at", DataTypes.TimestampType, true)
            .add("status", DataTypes.StringType, true)
            .add("vacuum_requested", DataTypes.BooleanType, true)
            .add("golden_id_hashes", DataTypes.createArrayType(DataTypes.StringType), true)
            .add("sealed_targets", DataTypes.StringType, true);

    /** Recorded, tables not all done yet: the next {@code hub forget} or nightly run finishes it. */
    public static final String PENDING = "PENDING";
    /** Every table done, the requested VACUUM not yet. */
    public static final String VACUUM_PENDING = "VACUUM_PENDING";
    public static final String COMPLETE = "COMPLETE";

    /** An erasure as recorded before anything is deleted; {@code sealedTargets} is null once its tables are done. */
    public record Request(String erasureId, Timestamp requestedAt, String reasonCode, String runId, String status, boolean vacuum,
                          long recordsErased, long goldenIdsErased, long goldenRowsToRebuild, List<String> suppressionHashes,
                          List<String> goldenIdHashes, String sealedTargets) {
        public Request {
            suppressionHashes = List.copyOf(suppressionHashes);
            goldenIdHashes = List.copyOf(goldenIdHashes);
        }
    }

    private ErasuresTable() {
    }

    /** Records the request; ingest suppresses its records from here on. */
    public static void recordRequest(SparkSession spark, HubTables tables, Request request) {
        Row row = RowFactory.create(request.erasureId(), request.requestedAt(), request.reasonCode(), request.runId(), request.recordsErased(),
                request.goldenIdsErased(), request.goldenRowsToRebuild(), CollectionConverters.asScala(Map.<String, Long>of()),
                CollectionConverters.asScala(Map.<String, Long>of()), CollectionConverters.asScala(request.suppressionHashes()).toSeq(), null,
                PENDING, request.vacuum(), CollectionConverters.asScala(request.goldenIdHashes()).toSeq(), request.sealedTargets());
        // mergeSchema: an erasures table of an older hub lacks the request columns.
        spark.createDataFrame(List.of(row), SCHEMA).write().format("delta").mode("append").option("mergeSchema", "true").save(tables.erasures());
    }

    /** Erasures a crash or a kill left unfinished, oldest first. */
    public static List<Request> unfinished(SparkSession spark, HubTables tables) {
        if (!DeltaTable.isDeltaTable(spark, tables.erasures())) {
            return List.of();
        }
        Dataset<Row> erasures = spark.read().format("delta").load(tables.erasures());
        if (!List.of(erasures.columns()).contains("status")) {
            return List.of();
        }
        return erasures.where(col("status").isin(PENDING, VACUUM_PENDING)).orderBy("requested_at").collectAsList().stream()
                .map(r -> new Request(r.getAs("erasure_id"), r.getAs("requested_at"), r.getAs("reason_code"), r.getAs("run_id"),
                        r.getAs("status"), Boolean.TRUE.equals(r.getAs("vacuum_requested")), r.<Long>getAs("records_erased"),
                        r.<Long>getAs("golden_ids_erased"), r.<Long>getAs("golden_rows_to_rebuild"), r.getList(r.fieldIndex("suppression_hashes")),
                        r.isNullAt(r.fieldIndex("golden_id_hashes")) ? List.of() : r.getList(r.fieldIndex("golden_id_hashes")),
                        r.getAs("sealed_targets")))
                .toList();
    }

    /** The erasure that was asked for a golden id (by its keyed hash), if any. */
    public static Optional<String> erasureOfGoldenId(SparkSession spark, HubTables tables, String goldenIdHash) {
        if (!DeltaTable.isDeltaTable(spark, tables.erasures())) {
            return Optional.empty();
        }
        Dataset<Row> erasures = spark.read().format("delta").load(tables.erasures());
        if (!List.of(erasures.columns()).contains("golden_id_hashes")) {
            return Optional.empty();
        }
        return erasures.where(array_contains(col("golden_id_hashes"), goldenIdHash)).select("erasure_id").as(Encoders.STRING())
                .collectAsList().stream().findFirst();
    }

    /** Every table is done: the counts are kept and the sealed targets dropped. */
    public static void markDeleted(SparkSession spark, HubTables tables, ForgetResult result, boolean vacuumPending) {
        DeltaTable.forPath(spark, tables.erasures()).update(col("erasure_id").equalTo(lit(result.erasureId())), Map.of(
                "deleted_rows", countsColumn(result.deletedRows()),
                "table_versions", countsColumn(result.tableVersions()),
                "status", lit(vacuumPending ? VACUUM_PENDING : COMPLETE),
                "sealed_targets", lit(null).cast("string")));
    }

    private static Column countsColumn(Map<String, Long> counts) {
        Column[] entries = counts.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(lit(e.getKey()), lit(e.getValue())))
                .toArray(Column[]::new);
        return map(entries).cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));
    }

    public static void markVacuumed(SparkSession spark, HubTables tables, String erasureId) {
        DeltaTable.forPath(spark, tables.erasures()).update(col("erasure_id").equalTo(lit(erasureId)),
                Map.of("vacuumed_at", current_timestamp(), "status", lit(COMPLETE)));
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
