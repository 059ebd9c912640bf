package io.customerhub.jobs.golden;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.customerhub.jobs.HubException;
import io.customerhub.jobs.contract.SourceContract;
import io.customerhub.matching.record.CanonicalField;
import io.customerhub.jobs.table.DeltaTableProperties;
import io.customerhub.jobs.table.HubTables;
import io.customerhub.jobs.table.RunRecord;
import io.customerhub.jobs.table.RunsTable;
import io.customerhub.matching.survivorship.GoldenRecordBuilder;
import io.customerhub.matching.survivorship.Rule;
import io.customerhub.matching.survivorship.SourceRecord;
import io.customerhub.matching.survivorship.SourceTrust;
import io.customerhub.matching.survivorship.SurvivorshipSettings;
import io.delta.tables.DeltaTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * Current records grouped by golden id (through {@code xref}) -> one surviving row per golden id,
 * merged into {@code golden} (Change Data Feed on). Only rows whose content hash changed are
 * written, so the CDF of a run holds exactly the golden ids that changed; ids no longer in
 * {@code xref} are marked retired with the live id they were merged into (their attributes are
 * dropped: the successor carries them, and a customer who left leaves no copy behind).
 *
 * <p>Incremental: survivorship runs only for the golden ids whose row can have changed since the
 * last golden step (see {@link #affectedIds}): ids of records that an unpublished run changed or
 * retired, ids whose {@code xref} rows such a run (re)assigned (a cluster that gained or lost a
 * record), and live ids without an active golden row. Every other live id holds the same records
 * under the same settings, so its row would hash equal and is counted unchanged without being
 * rebuilt. Retired rows are always recomputed in full (ids only, no survivorship), so a successor
 * that changes is followed as before. The whole table is recomputed when the golden table is new,
 * when the survivorship settings or the sources' trust differ from those it was built with
 * (a fingerprint kept as the table property {@value #FINGERPRINT_PROPERTY}), or when the
 * {@code runs} table cannot tell which runs golden has published. Both ways give the same table
 * and the same counts; the {@code runs} message says which one ran.
 */
public final class GoldenAction {

    /** Columns of {@code records} that survivorship reads, besides keys, customer numbers and times. */
    static final List<String> VALUE_COLUMNS = List.of("title", "given_name", "middle_name", "family_name", "birth_name", "full_name",
            "address_line1", "address_line2", "house_number", "postcode", "city", "country",
            "consent_email", "consent_sms", "consent_push", "consent_post",
            "std_given_name", "std_family_name", "std_birth_name", "std_date_of_birth", "std_gender", "std_email", "std_phone",
            "std_mobile_phone", "std_address_line", "std_house_number", "std_postcode", "std_city", "std_country");

    /** Table property of {@code golden}: the {@link #settingsFingerprint} its rows were computed with. */
    static final String FINGERPRINT_PROPERTY = "customerhub.golden.settings_fingerprint";

    /**
     * Part of the fingerprint: bump it when a release changes what survivorship computes from the
     * same records and settings (GoldenRecordBuilder, {@link GoldenTable#activeRow}), so the next
     * run rebuilds every row instead of only the changed customers.
     */
    static final String SURVIVORSHIP_REVISION = "1";

    /** Up to this many affected ids, they (and their xref rows) are broadcast instead of shuffling every record. */
    static final long MAX_BROADCAST_IDS = 200_000;

    /** Settings of the golden step: the sources' trust (from their contracts) and the survivorship rules. */
    public record Options(HubTables tables, String runId, SourceTrust trust, SurvivorshipSettings survivorship) {
    }

    private final SparkSession spark;
    private final Options options;
    private final boolean forceFull;

    /** Trust per source and canonical field, as each contract's {@code trust} block resolves it. */
    public static SourceTrust trustFrom(List<SourceContract> contracts) {
        Map<String, Map<String, Double>> bySource = new HashMap<>();
        for (SourceContract contract : contracts) {
            Map<String, Double> fields = new HashMap<>();
            for (CanonicalField field : CanonicalField.values()) {
                fields.put(field.columnName(), contract.trustFor(field.columnName()));
            }
            bySource.put(contract.name(), fields);
        }
        return new SourceTrust(bySource);
    }

    public GoldenAction(SparkSession spark, Options options) {
        this(spark, options, false);
    }

    /** {@code forceFull}: recompute every golden id even when an incremental run would do (tests compare both). */
    GoldenAction(SparkSession spark, Options options, boolean forceFull) {
        this.spark = spark;
        this.options = options;
        this.forceFull = forceFull;
    }

    public GoldenResult execute() {
        Instant started = Instant.now();
        HubTables tables = options.tables();
        if (!DeltaTable.isDeltaTable(spark, tables.xref()) || !DeltaTable.isDeltaTable(spark, tables.records())) {
            throw HubException.of("no xref or records table under " + tables.root(), "golden reads the clusters that cluster wrote",
                    "run `hub cluster` for this run id first");
        }
        spark.sparkContext().setJobGroup("golden", "golden records for run " + options.runId(), false);
        try {
            String fingerprint = settingsFingerprint(options.survivorship(), options.trust());
            Optional<Set<String>> runs = incrementalRuns(fingerprint);
            // A table created by this step is empty: its rows are all inserts, appended without a MERGE.
            boolean firstLoad = createTableIfMissing(tables.golden(), fingerprint);
            Dataset<Row> existing = spark.read().format("delta").load(tables.golden())
                    .select(col("golden_id").as("e_golden_id"), col("status").as("e_status"), col("content_hash").as("e_hash"));
            // Every golden id holding current records, with their number: keys only, no survivorship.
            Dataset<Row> live = liveIds().persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> scope = runs.map(r -> affectedIds(r, live, existing).persist(StorageLevel.MEMORY_AND_DISK())).orElse(null);
            Dataset<Row> classified = null;
            try {
                Row totals = live.agg(count(lit(1)), sum("records")).first();
                long activeIds = totals.getLong(0);
                long records = totals.isNullAt(1) ? 0 : totals.getLong(1);
                // A night's affected ids are few: broadcast, they spare shuffling every record; a large correction joins as usual.
                boolean small = scope != null && scope.count() <= MAX_BROADCAST_IDS;
                Dataset<Row> active = withHash(survive(scope, small));
                Dataset<Row> retired = withHash(retired(existing, live));
                classified = active.unionByName(retired)
                        .join(existing, col("golden_id").equalTo(col("e_golden_id")), "left")
                        .withColumn("change", when(col("e_golden_id").isNull(), "inserted")
                                .when(col("e_hash").equalTo(col("content_hash")), "unchanged")
                                .when(col("status").equalTo(GoldenTable.STATUS_RETIRED).and(col("e_status").equalTo(GoldenTable.STATUS_ACTIVE)), "retired")
                                .otherwise("updated"))
                        .persist(StorageLevel.MEMORY_AND_DISK());
                Map<String, Long> changes = new HashMap<>();
                long survived = 0;
                for (Row row : classified.groupBy("change").agg(count(lit(1)),
                        count(when(col("status").equalTo(GoldenTable.STATUS_ACTIVE), 1))).collectAsList()) {
                    changes.put(row.getString(0), row.getLong(1));
                    survived += row.getLong(2);
                }
                long written = changes.entrySet().stream().filter(e -> !e.getKey().equals("unchanged")).mapToLong(Map.Entry::getValue).sum();
                Dataset<Row> changed = classified.where(col("change").notEqual("unchanged"));
                long rewritten = written == 0 ? 0 : firstLoad ? append(changed, written) : merge(changed);
                // After the merge: the next run compares its settings with these (no commit when already stored).
                DeltaTableProperties.set(spark, tables.golden(), FINGERPRINT_PROPERTY, fingerprint);
                long inserted = changes.getOrDefault("inserted", 0L);
                long updated = changes.getOrDefault("updated", 0L);
                // Live ids left out of the scope hold what they held when last published: unchanged.
                long unchanged = changes.getOrDefault("unchanged", 0L) + (activeIds - survived);
                long retiredIds = changes.getOrDefault("retired", 0L);
                GoldenResult result = new GoldenResult(records, activeIds, inserted, updated, unchanged, retiredIds, rewritten);
                String mode = (scope == null ? "full" : "incremental") + ": " + survived + " of " + activeIds + " golden ids rebuilt";
                RunsTable.upsert(spark, tables, runRecord(result, mode, started));
                return result;
            } finally {
                if (classified != null) {
                    classified.unpersist();
                }
                if (scope != null) {
                    scope.unpersist();
                }
                live.unpersist();
            }
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /**
     * The runs whose changes this step must publish when it can work incrementally: this run and
     * any run whose standardize or cluster step finished after the last golden step that succeeded
     * started (a night whose golden step failed or was skipped). Empty, meaning recompute every id,
     * when there is no golden table yet, its rows were computed with other settings, or no golden
     * step is recorded in {@code runs}.
     */
    private Optional<Set<String>> incrementalRuns(String fingerprint) {
        HubTables tables = options.tables();
        if (forceFull || !DeltaTable.isDeltaTable(spark, tables.golden())
                || !fingerprint.equals(DeltaTableProperties.of(spark, tables.golden()).get(FINGERPRINT_PROPERTY))) {
            return Optional.empty();
        }
        return RunsTable.pendingRuns(spark, tables, "golden", options.runId(), List.of("standardize", "cluster"))
                .map(RunsTable.PendingRuns::runIds);
    }

    /** Golden ids of current records (as survivorship groups them), with their record count. */
    private Dataset<Row> liveIds() {
        return spark.read().format("delta").load(options.tables().records()).where(col("retired").equalTo(false)).select("record_key")
                .join(spark.read().format("delta").load(options.tables().xref()).select("record_key", "golden_id"), "record_key")
                .groupBy("golden_id").agg(count(lit(1)).as("records"));
    }

    /**
     * Golden ids whose row can differ from the published one. Cluster writes {@code xref} rows
     * only when a record's golden id or its cluster's size changes, stamping them with the run: a
     * cluster that gained, lost or swapped records has such a row. Standardize stamps records it
     * adds, changes or retires. An id that lost every record is not live and is retired by
     * {@link #retired}; a live id without an active row (new, revived, or removed by an erasure) is
     * rebuilt.
     */
    private Dataset<Row> affectedIds(Set<String> runs, Dataset<Row> live, Dataset<Row> existing) {
        Object[] runIds = runs.toArray();
        Dataset<Row> xref = spark.read().format("delta").load(options.tables().xref());
        Dataset<Row> changedRecords = spark.read().format("delta").load(options.tables().records())
                .where(col("last_changed_run").isin(runIds)).select("record_key");
        Dataset<Row> ofChangedRecords = xref.join(changedRecords, new String[] {"record_key"}, "left_semi").select("golden_id");
        Dataset<Row> reassigned = xref.where(col("assigned_run").isin(runIds)).select("golden_id");
        Dataset<Row> unpublished = live.select("golden_id").join(existing.where(col("e_status").equalTo(GoldenTable.STATUS_ACTIVE))
                .select(col("e_golden_id").as("golden_id")), new String[] {"golden_id"}, "left_anti");
        return ofChangedRecords.union(reassigned).union(unpublished).distinct();
    }

    /** One survived row per golden id holding current records; only the ids in {@code scope} unless it is null. */
    private Dataset<Row> survive(Dataset<Row> scope, boolean broadcastScope) {
        List<Column> columns = new ArrayList<>(List.of(col("x.golden_id"), col("r.source_system"), col("r.source_id"),
                col("r.customer_numbers"), col("r.updated_at"), col("r.consent_updated_at")));
        VALUE_COLUMNS.forEach(c -> columns.add(col("r." + c)));
        Dataset<Row> xref = spark.read().format("delta").load(options.tables().xref()).select("record_key", "golden_id");
        if (scope != null) {
            xref = xref.join(broadcastScope ? broadcast(scope) : scope, new String[] {"golden_id"}, "left_semi");
            xref = broadcastScope ? broadcast(xref) : xref;
        }
        Dataset<Row> records = spark.read().format("delta").load(options.tables().records()).where(col("retired").equalTo(false)).as("r")
                .join(xref.as("x"), col("r.record_key").equalTo(col("x.record_key")))
                .select(columns.toArray(Column[]::new));
        GoldenRecordBuilder builder = new GoldenRecordBuilder(options.survivorship(), options.trust());
        return records.groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
                .mapGroups((MapGroupsFunction<String, Row, Row>) (goldenId, rows) -> {
                    List<SourceRecord> cluster = new ArrayList<>();
                    while (rows.hasNext()) {
                        cluster.add(sourceRecord(rows.next()));
                    }
                    return GoldenTable.activeRow(goldenId, builder.build(cluster));
                }, ExpressionEncoder.apply(GoldenTable.CONTENT_SCHEMA));
    }

    private static SourceRecord sourceRecord(Row row) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < VALUE_COLUMNS.size(); i++) {
            values.put(VALUE_COLUMNS.get(i), row.getString(6 + i));
        }
        List<String> numbers = row.isNullAt(3) ? List.of() : row.getList(3);
        return new SourceRecord(row.getString(1), row.getString(2), values, numbers, instant(row.getString(4)), instant(row.getString(5)));
    }

    /** Bronze keeps timestamps as ISO-8601 UTC text; an unreadable one counts as unknown. */
    private static Instant instant(String iso) {
        if (iso == null || iso.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(iso.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Published ids that hold no current record any more, with the live id they were merged into
     * (null if none). All of them, also those retired long ago: ids only, and a successor that was
     * itself retired or merged on since is followed.
     */
    private Dataset<Row> retired(Dataset<Row> existing, Dataset<Row> liveIds) {
        Dataset<Row> gone = existing.select(col("e_golden_id").as("golden_id"))
                .join(liveIds.select("golden_id"), new String[] {"golden_id"}, "left_anti");
        Dataset<Row> successors = spark.createDataFrame(finalMergeTargets(), new StructType()
                .add("golden_id", DataTypes.StringType, false).add("final_id", DataTypes.StringType, false));
        Dataset<Row> live = liveIds.select(col("golden_id").as("live_id"));
        List<Column> content = new ArrayList<>();
        for (StructField f : GoldenTable.CONTENT_SCHEMA.fields()) {
            Column value = switch (f.name()) {
                case "golden_id" -> col("g.golden_id");
                case "status" -> lit(GoldenTable.STATUS_RETIRED);
                case "successor_golden_id" -> col("live_id");
                case "record_count" -> lit(0);
                default -> f.dataType() instanceof ArrayType ? array().cast(f.dataType()) : lit(null).cast(f.dataType());
            };
            content.add(value.as(f.name()));
        }
        return gone.as("g").join(successors.as("s"), col("g.golden_id").equalTo(col("s.golden_id")), "left")
                .join(live, col("s.final_id").equalTo(col("live_id")), "left")
                .select(content.toArray(Column[]::new));
    }

    /** Each merged-away id with the end of its MERGED_INTO chain (merges are few: the chain is followed on the driver). */
    private List<Row> finalMergeTargets() {
        Map<String, String> mergedInto = new HashMap<>();
        if (DeltaTable.isDeltaTable(spark, options.tables().goldenIdHistory())) {
            for (Row row : spark.read().format("delta").load(options.tables().goldenIdHistory())
                    .where(col("event").equalTo("MERGED_INTO")).select("golden_id", "related_id", "at").orderBy("at").collectAsList()) {
                mergedInto.put(row.getString(0), row.getString(1));
            }
        }
        List<Row> rows = new ArrayList<>();
        for (String id : mergedInto.keySet()) {
            Set<String> seen = new HashSet<>();
            String end = id;
            while (mergedInto.containsKey(end) && seen.add(end)) {
                end = mergedInto.get(end);
            }
            rows.add(RowFactory.create(id, end));
        }
        return rows;
    }

    private static Dataset<Row> withHash(Dataset<Row> content) {
        Column[] all = Arrays.stream(GoldenTable.CONTENT_SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
        return content.select(all).withColumn("content_hash", sha2(to_json(struct(all)), 256));
    }

    /** The changed rows as stored: content, hash, and this run as the one that created and last changed them. */
    private Dataset<Row> stored(Dataset<Row> changed) {
        return changed.drop("e_golden_id", "e_status", "e_hash", "change")
                .withColumn("created_run", lit(options.runId()))
                .withColumn("last_changed_run", lit(options.runId()));
    }

    /**
     * The first load of a new table: every row is an insert, so a plain append (one write, no scan
     * of the target, no join) stores what the MERGE would. The Change Data Feed shows them as inserts.
     */
    private long append(Dataset<Row> changed, long rows) {
        Column[] columns = Arrays.stream(GoldenTable.SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
        stored(changed).select(columns).write().format("delta").mode("append").save(options.tables().golden());
        return rows;
    }

    private long merge(Dataset<Row> changed) {
        Dataset<Row> source = stored(changed);
        Map<String, String> update = new LinkedHashMap<>();
        for (String column : GoldenTable.SCHEMA.fieldNames()) {
            if (!column.equals("created_run")) {
                update.put(column, "s." + column);
            }
        }
        DeltaTable golden = DeltaTable.forPath(spark, options.tables().golden());
        golden.as("t").merge(source.as("s"), "t.golden_id = s.golden_id")
                .whenMatched("t.content_hash <> s.content_hash").updateExpr(update)
                .whenNotMatched().insertAll()
                .execute();
        Row metrics = golden.history(1).select("operationMetrics").first();
        scala.collection.Map<String, String> m = metrics.getMap(0);
        return metric(m, "numTargetRowsInserted") + metric(m, "numTargetRowsUpdated") + metric(m, "numTargetRowsCopied");
    }

    private static long metric(scala.collection.Map<String, String> metrics, String name) {
        return metrics.contains(name) ? Long.parseLong(metrics.apply(name)) : 0;
    }

    /** Creates the golden table when missing; true when it did (the table is then empty). */
    private boolean createTableIfMissing(String path, String fingerprint) {
        if (!DeltaTable.isDeltaTable(spark, path)) {
            // The builder takes the location as a table identifier: a relative path ("hub-data/golden") is refused.
            DeltaTable.createIfNotExists(spark).location(DeltaTableProperties.qualified(spark, path)).addColumns(GoldenTable.SCHEMA)
                    .property("delta.enableChangeDataFeed", "true")
                    // Deletion vectors let a MERGE mark changed rows instead of copying whole files.
                    .property("delta.enableDeletionVectors", "true")
                    .property("customerhub.schema.version", GoldenTable.SCHEMA_VERSION)
                    .property(FINGERPRINT_PROPERTY, fingerprint)
                    .execute();
            return true;
        }
        return false;
    }

    /**
     * What survivorship computes from besides the records: the rules (with their version name),
     * every source's trust per field, and {@link #SURVIVORSHIP_REVISION}. Order-independent text,
     * hashed.
     */
    static String settingsFingerprint(SurvivorshipSettings settings, SourceTrust trust) {
        StringBuilder text = new StringBuilder("revision ").append(SURVIVORSHIP_REVISION)
                .append("\nschema ").append(GoldenTable.SCHEMA_VERSION)
                .append("\nsettings ").append(settings.version());
        settings.rules().forEach((attribute, rules) -> text.append('\n').append(attribute.columnName()).append(' ')
                .append(String.join(",", rules.stream().map(Rule::jsonName).toList())));
        new TreeMap<>(trust.bySource()).forEach((source, fields) -> new TreeMap<>(fields).forEach((field, value) ->
                text.append("\ntrust ").append(source).append(' ').append(field).append(' ').append(value)));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private RunRecord runRecord(GoldenResult r, String mode, Instant started) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put("inserted", r.inserted());
        counts.put("updated", r.updated());
        counts.put("unchanged", r.unchanged());
        counts.put("retired", r.retired());
        counts.put("active", r.activeIds());
        counts.put("rows_written", r.rowsRewritten());
        return new RunRecord(options.runId(), "golden", "*", RunRecord.SUCCEEDED, started, Instant.now(),
                r.records(), r.records(), 0, counts, List.of(), "survivorship " + options.survivorship().version() + "; " + mode);
    }
}
