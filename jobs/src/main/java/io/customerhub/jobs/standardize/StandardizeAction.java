package io.customerhub.jobs.standardize;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.spark.LazyRows;
import io.customerhub.jobs.table.DeltaTableProperties;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RecordsTable;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.matching.record.CanonicalField;
import io.customerhub.matching.standardize.RecordStandardizer;
import io.customerhub.matching.standardize.StandardizationIssue;
import io.customerhub.matching.standardize.StandardizationResult;
import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Bronze rows of this run -> {@code records}: standardises the new and changed rows (found by their
 * row hash) with the matching core and merges them, so a record is inserted when new, rewritten only
 * when its content changed, and retired when a full snapshot no longer holds it or a delta extract
 * flags it deleted. Records touched by
 * this run carry {@code last_changed_run = run id}: the match step compares only those.
 */
public final class StandardizeAction {

    private static final CanonicalField[] FIELDS = CanonicalField.values();

    private final SparkSession spark;
    private final HubTables tables;
    private final String runId;

    public StandardizeAction(SparkSession spark, HubTables tables, String runId) {
        this.spark = spark;
        this.tables = tables;
        this.runId = runId;
    }

    public StandardizeResult execute() {
        Instant started = Instant.now();
        spark.sparkContext().setJobGroup("standardize", "standardize bronze of run " + runId, false);
        try {
            Dataset<Row> bronze = bronzeOfThisRun();
            List<String> fullSnapshotSources = bronze.where(col("extract_mode").equalTo("full"))
                    .select("source_system").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            long bronzeRows = bronze.count();
            String path = tables.records();
            boolean exists = DeltaTable.isDeltaTable(spark, path);
            // A hub written by a release without some std column: every record is standardised again,
            // so the new column is filled for all and the next match compares them all once.
            boolean upgrade = exists && !Arrays.asList(DeltaTable.forPath(spark, path).toDF().columns()).containsAll(RecordsTable.STD_COLUMNS);
            Dataset<Row> changes = standardize(exists && !upgrade ? newOrChanged(bronze, path) : bronze);
            if (exists) {
                changes = changes.unionByName(goneFromFullSnapshots(bronze, path, fullSnapshotSources), true);
            }
            changes = changes.persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Map<String, Long> nulled = new TreeMap<>();
                for (Row row : changes.select(explode(col("std_issues")).as("issue")).groupBy("issue").agg(count(lit(1)))
                        .collectAsList()) {
                    nulled.put(row.getString(0), row.getLong(1));
                }
                // Counted before the write: writing records re-caches `changes`, which then finds nothing new.
                // Standardised rows came from bronze (the retired-by-absence rows carry no content).
                long unchanged = bronzeRows - changes.where(col("content_hash").isNotNull()).count();
                if (!exists) {
                    create(changes, path);
                } else if (!changes.isEmpty()) {
                    merge(changes, path, upgrade);
                }
                StandardizeResult result = summarise(bronzeRows, unchanged, nulled);
                RunsTable.upsert(spark, tables, runRecord(result, started));
                return result;
            } finally {
                changes.unpersist();
            }
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * Bronze rows whose record is new, or differs from the stored one in content or in being
     * deleted. Only these are standardised: on a nightly full snapshot most rows are unchanged,
     * and comparing row hashes is far cheaper than standardising and merging every row.
     */
    private Dataset<Row> newOrChanged(Dataset<Row> bronze, String path) {
        Dataset<Row> stored = spark.read().format("delta").load(path)
                .select(col("record_key").as("t_key"), col("content_hash").as("t_hash"), col("retired").as("t_retired"));
        return bronze.join(stored, bronzeKey().equalTo(col("t_key"))
                .and(col("row_hash").equalTo(col("t_hash")))
                .and(col("deleted").equalTo(col("t_retired"))), "left_anti");
    }

    /** Current records of sources that sent a full snapshot this run without them: to be retired (no content). */
    private Dataset<Row> goneFromFullSnapshots(Dataset<Row> bronze, String path, List<String> fullSnapshotSources) {
        Dataset<Row> current = spark.read().format("delta").load(path).where(col("retired").equalTo(false))
                .where(col("source_system").isin(fullSnapshotSources.toArray()));
        return current.select("record_key")
                .join(bronze.select(bronzeKey().as("record_key")), new String[] {"record_key"}, "left_anti")
                .withColumn("deleted", lit(true))
                .withColumn("std_issues", array().cast(DataTypes.createArrayType(DataTypes.StringType)));
    }

    /** {@link RecordsTable#recordKey} as a column of bronze. */
    private static Column bronzeKey() {
        return concat(col("source_system"), lit("/"), col("source_id"));
    }

    private Dataset<Row> bronzeOfThisRun() {
        List<Dataset<Row>> parts = new ArrayList<>();
        for (String source : bronzeSources()) {
            parts.add(spark.read().format("delta").load(tables.bronze(source)).where(col("run_id").equalTo(runId)));
        }
        if (parts.isEmpty()) {
            throw HubException.of("no bronze table under " + tables.root(), "standardize reads what ingest wrote",
                    "run `hub ingest` for this run id first");
        }
        Dataset<Row> all = parts.get(0);
        for (Dataset<Row> part : parts.subList(1, parts.size())) {
            all = all.unionByName(part, true);
        }
        return all;
    }

    private List<String> bronzeSources() {
        Path bronzeRoot = new Path(tables.root(), "bronze");
        try {
            FileSystem fs = bronzeRoot.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!fs.exists(bronzeRoot)) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(bronzeRoot)).filter(FileStatus::isDirectory)
                    .map(s -> s.getPath().getName()).filter(n -> DeltaTable.isDeltaTable(spark, tables.bronze(n))).sorted().toList();
        } catch (IOException e) {
            throw HubException.of("cannot list bronze tables under " + tables.root(), e.getMessage(), "check --hub-root", e);
        }
    }

    private Dataset<Row> standardize(Dataset<Row> bronze) {
        List<String> canonical = RecordsTable.canonicalColumns();
        List<Column> input = new ArrayList<>(List.of(col("source_system"), col("source_id"), col("deleted"), col("row_hash"),
                col("phone_region")));
        canonical.forEach(c -> input.add(col(c)));
        StructType outSchema = new StructType()
                .add("record_key", DataTypes.StringType, false)
                .add("source_system", DataTypes.StringType, false)
                .add("source_id", DataTypes.StringType, false)
                .add("deleted", DataTypes.BooleanType, false)
                .add("content_hash", DataTypes.StringType, false)
                .add("phone_region", DataTypes.StringType, true);
        for (String c : canonical) {
            outSchema = outSchema.add(c, DataTypes.StringType, true);
        }
        for (StructField f : RecordsTable.STD_SCHEMA.fields()) {
            outSchema = outSchema.add(f);
        }
        outSchema = outSchema.add("std_issues", DataTypes.createArrayType(DataTypes.StringType), false);
        LocalDate reference = referenceDate(runId);
        int fieldCount = FIELDS.length;
        return bronze.select(input.toArray(Column[]::new)).mapPartitions(
                (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
                    RecordStandardizer standardizer = new RecordStandardizer(reference);
                    return LazyRows.map(rows, row -> {
                        Map<CanonicalField, String> raw = new EnumMap<>(CanonicalField.class);
                        Object[] values = new Object[6 + fieldCount + RecordsTable.STD_COLUMNS.size() + 2];
                        String source = row.getString(0);
                        String id = row.getString(1);
                        for (int i = 0; i < fieldCount; i++) {
                            String value = row.getString(5 + i);
                            values[6 + i] = value;
                            if (value != null) {
                                raw.put(FIELDS[i], value);
                            }
                        }
                        Map<CanonicalField, List<String>> namespaces = new HashMap<>();
                        String customerNumber = raw.get(CanonicalField.CUSTOMER_NUMBER);
                        if (customerNumber != null && customerNumber.indexOf(':') > 0) {
                            int colon = customerNumber.indexOf(':');
                            namespaces.put(CanonicalField.CUSTOMER_NUMBER, List.of(customerNumber.substring(0, colon)));
                            raw.put(CanonicalField.CUSTOMER_NUMBER, customerNumber.substring(colon + 1));
                        }
                        StandardizationResult result = standardizer.standardize(source, id, raw, row.getString(4), namespaces);
                        values[0] = RecordsTable.recordKey(source, id);
                        values[1] = source;
                        values[2] = id;
                        values[3] = row.getBoolean(2);
                        values[4] = row.getString(3);
                        values[5] = row.getString(4);
                        System.arraycopy(RecordsTable.stdValues(result.record()), 0, values, 6 + fieldCount,
                                RecordsTable.STD_COLUMNS.size() + 1);
                        List<String> issues = new ArrayList<>();
                        for (StandardizationIssue issue : result.issues()) {
                            issues.add(issue.field().columnName() + ": " + issue.reason());
                        }
                        values[values.length - 1] = scala.jdk.javaapi.CollectionConverters.asScala(issues).toSeq();
                        return RowFactory.create(values);
                    });
                }, ExpressionEncoder.apply(outSchema));
    }

    private Dataset<Row> asRecords(Dataset<Row> changes) {
        return changes.drop("std_issues")
                .withColumn("retired", col("deleted"))
                .withColumn("first_seen_run", lit(runId))
                .withColumn("last_changed_run", lit(runId))
                .drop("deleted");
    }

    private void create(Dataset<Row> changes, String path) {
        asRecords(changes).where(col("retired").equalTo(false)).write().format("delta").mode("append").save(path);
        DeltaTableProperties.enableDeletionVectors(spark, path);
    }

    /**
     * One atomic MERGE of the changed rows: a record is inserted when new, rewritten when its content
     * or deletion changed, and retired when its full snapshot no longer holds it (rows without
     * content). Deletion vectors let it mark the replaced rows instead of copying every file.
     */
    private void merge(Dataset<Row> changes, String path, boolean upgrade) {
        Dataset<Row> source = asRecords(changes);
        DeltaTableProperties.enableDeletionVectors(spark, path);
        Map<String, String> update = new HashMap<>();
        for (String column : source.columns()) {
            if (!column.equals("first_seen_run")) {
                update.put(column, "s." + column);
            }
        }
        DeltaTable.forPath(spark, path).as("t")
                .merge(source.as("s"), "t.record_key = s.record_key")
                .withSchemaEvolution() // std columns added by a newer release appear on a hub written by an older one
                .whenMatched("s.content_hash IS NULL AND NOT t.retired")
                .updateExpr(Map.of("retired", "true", "last_changed_run", DeltaTableProperties.sqlString(runId)))
                .whenMatched("s.content_hash IS NOT NULL AND (" + (upgrade ? "true" : "t.content_hash <> s.content_hash OR t.retired <> s.retired") + ")")
                .updateExpr(update)
                .whenNotMatched("s.content_hash IS NOT NULL AND NOT s.retired").insertAll()
                .execute();
    }

    private StandardizeResult summarise(long bronzeRows, long unchanged, Map<String, Long> nulled) {
        Row counts = spark.read().format("delta").load(tables.records()).agg(
                count(when(col("last_changed_run").equalTo(runId).and(col("first_seen_run").equalTo(runId)).and(col("retired").equalTo(false)), 1)),
                count(when(col("last_changed_run").equalTo(runId).and(col("first_seen_run").notEqual(runId)).and(col("retired").equalTo(false)), 1)),
                count(when(col("last_changed_run").equalTo(runId).and(col("retired")), 1)),
                count(when(col("retired").equalTo(false), 1))).first();
        long created = counts.getLong(0);
        long changed = counts.getLong(1);
        long retired = counts.getLong(2);
        long current = counts.getLong(3);
        return new StandardizeResult(bronzeRows, created, changed, retired, unchanged,
                current, nulled);
    }

    private RunRecord runRecord(StandardizeResult r, Instant started) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("new", r.newRecords());
        counts.put("changed", r.changedRecords());
        counts.put("retired", r.retiredRecords());
        counts.put("current", r.currentRecords());
        r.valuesNulled().forEach((k, v) -> counts.put("nulled." + k, v));
        return new RunRecord(runId, "standardize", "*", RunRecord.SUCCEEDED, started, Instant.now(),
                r.bronzeRows(), r.bronzeRows(), 0, counts, List.of(), null);
    }

    /** Today for the plausibility checks, fixed per run so a rerun standardises identically. */
    static LocalDate referenceDate(String runId) {
        try {
            return LocalDate.parse(runId.length() >= 10 ? runId.substring(0, 10) : runId);
        } catch (DateTimeParseException e) {
            return LocalDate.now();
        }
    }
}
